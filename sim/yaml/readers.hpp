#pragma once
// The scenario reader's parts, one file each: distributions, curves (and trace CSVs),
// components, the topology merge and --set overrides. Private to sim/yaml/.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "headroom/catalog/catalog.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "headroom/scenario/spec.hpp"
#include "reader.hpp"

namespace headroom::yaml {

/// The largest whole number a key read into an `int` may take (Reader::integer's upper bound).
inline constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

/// What a bare duration such as `90s` means where a distribution is read: a service demand or a
/// delay is exponential with that mean (spec.md §3), as queueing models assume; a timing the
/// user sets for a fault (a failover, a replacement) is that long exactly, as it reads.
enum class BareDuration { Exponential, Exact };
/// `20ms` (see BareDuration) or {mean, dist, cv} / {dist: uniform, min, max}.
std::optional<DistSpec> read_dist(Reader& r, const Field& f, BareDuration bare = BareDuration::Exponential);
/// A map of name -> distribution, e.g. `service_by_class: {browse: 5ms}`; `what` names its
/// entries in the message for anything but a map ("class name -> CPU demand").
std::map<std::string, DistSpec> read_dist_map(Reader& r, const Field& f, const std::string& what);
/// An exponential distribution with mean `mean`: the default of a demand the user did not give.
DistSpec exponential_dist(Duration mean, const SourceLoc& loc);

/// What a curve's values are: active users (counts) or requests per second (rates).
enum class CurveUnit { Users, Rate };

/// A load curve (spec.md §2): a number, {curve: KIND, ...} or {sum: [...]}. A trace's CSV is read
/// now, relative to `base_dir`.
std::optional<CurveSpec> read_curve(Reader& r, const Field& f, CurveUnit unit,
                                    const std::string& base_dir);

/// Reads the CSV `file` (time,value rows, header optional) into `out.points`; problems point at
/// the CSV's lines, or at `file_field` when it cannot be opened.
void read_trace_csv(Reader& r, const Field& file_field, const std::string& file, CurveUnit unit,
                    CurveSpec& out);

/// One hop of a path: `web` or `db.read`.
std::optional<HopSpec> read_hop(Reader& r, const Field& f);

/// Reports every key and value of the tree that holds a control character (free text such as a
/// `description` may hold line breaks): see core/printable.hpp.
void reject_control_characters(Reader& r, const YAML::Node& root);

/// The `components:` map, in file order.
void read_components(Reader& r, const Field& f, ScenarioSpec& spec);

/// A stream's consumer settings: `function` from `consumer_key`, batch_size, batch_window.
std::optional<ConsumerSpec> read_consumer(Reader& r, const MapReader& m, const char* consumer_key);
/// A lognormal distribution with mean `mean` and coefficient of variation `cv`.
DistSpec lognormal_dist(Duration mean, double cv, const SourceLoc& loc);
/// An instance type of the catalog family `family`, with "did you mean" over that family.
std::optional<std::string> read_instance(Reader& r, const Field& f, InstanceFamily family,
                                         const char* what);

/// Resolves `relative` against the directory of the scenario (`base_dir`), normalised.
std::string resolve_path(const std::string& base_dir, const std::string& relative);

/// If the scenario names a `topology:` file, makes its components the base of `components:`;
/// the scenario's own keys of a component replace the topology's (nested maps whole).
void merge_topology(YAML::Node& root, const std::string& base_dir, SourceMap& sources,
                    Diagnostics& out);

/// If the scenario names an `include:` file (which may include another), makes its keys the base
/// of the scenario's: maps merged key by key, traffic classes by name, the scenario's keys
/// winning. False when an include could not be read or loops (reported into `out`).
bool merge_includes(YAML::Node& root, SourceMap& sources, Diagnostics& out);

/// --set overrides are applied in two phases: `topology` and `include` ones before the merges
/// (they choose the files), all others after them (so that they can change a key a file gave).
enum class OverridePhase { Topology, Rest };
void apply_overrides(YAML::Node& root, const std::vector<Override>& overrides, OverridePhase phase,
                     SourceMap& sources, Diagnostics& out);

/// The `faults:` list (spec.md §4), after the components (an rds target's role defaults by type).
void read_faults(Reader& r, const Field& f, ScenarioSpec& spec);

/// The whole scenario from its (merged, overridden) tree.
ScenarioSpec read_scenario(Reader& r, const YAML::Node& root, const std::string& file,
                           const std::string& base_dir);

}  // namespace headroom::yaml
