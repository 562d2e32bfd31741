#pragma once
// A component kind's descriptor: everything headroom needs to know about one AWS service, as a
// handful of plain functions that live together in sim/components/<kind>.cpp. Registered once,
// explicitly (builtin.cpp, one line per kind); consulted at set-up and at the end of a run, never
// per event: the data plane stays a switch on the compiled hop's HopKind (runtime/runner.cpp).
//
// Adding a kind: docs/architecture.md, "Adding a component".
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "headroom/catalog/catalog.hpp"
#include "headroom/scenario/registry.hpp"
#include "headroom/scenario/spec.hpp"
#include "headroom/scenario/topology_graph.hpp"
#include "headroom/measure/report.hpp"
#include "measure/bill.hpp"
#include "topology/model.hpp"

namespace headroom {

/// What a kind's build step may use: the model under construction, the scenario and the seed,
/// and the placement helpers every kind shares.
class BuildContext {
 public:
  BuildContext(Model& model, const ScenarioSpec& spec, std::uint64_t seed);

  Model& model;
  const ScenarioSpec& spec;
  const std::uint64_t seed;

  /// The index of the validated component `name`.
  std::uint16_t id_of(const std::string& name) const;
  /// The first instance of component `host` (co-location), or -1 for "".
  std::int64_t host_of(const std::string& host) const;
  /// The index of AZ `az`, added on first use.
  std::uint16_t intern_az(const std::string& az);
  /// The i-th instance's AZ when instances spread evenly over `azs` ("a" when empty).
  static const std::string& az_of(const std::vector<std::string>& azs, std::size_t i);
  /// Adds an instance of `component` in `az` with its own Cpu of `cores` (0: none), or sharing
  /// the Cpu (and AZ) of instance `host` when given.
  std::uint32_t add_instance(std::uint16_t component, std::uint16_t az, int cores, std::int64_t host = -1);
  /// `c`'s network bandwidths from its instance type's figures (sources.md §1c), or its host's
  /// when co-located on `host` (one box, one NIC).
  void set_bandwidth(Component& c, const std::string& type, InstanceFamily family, const std::string& host) const;
  /// Gives instance `inst` of `c` a NIC of its own at `c`'s bandwidths, its bucket full (the
  /// instance was idle before the run); none when its type gives no figure or it is co-located
  /// (add_instance gave it its host's).
  void add_nic(std::uint32_t inst, std::uint16_t component, const Component& c);
  /// A random stream of this component for `purpose`, keyed by its kind and its ordinal among the
  /// components of that kind, never by its name (spec.md §7).
  Rng stream(const ComponentSpec& cs, const std::string& purpose) const;
};

/// One tier of a price that falls with a month's volume: the catalog key of its rate and the
/// volume, in the rate's unit, that the tier spans (the last tier: kRestOfVolume).
struct PriceTier {
  const char* key;
  double size;
};
inline constexpr double kRestOfVolume = 1e300;

/// What a kind's bill may use: the model at the end of the run and the length of the measured
/// window, with the scenario and the catalog's rates.
struct BillContext {
  const Model& model;
  const ScenarioSpec& spec;
  const PriceCatalog& catalog;
  double hours = 0;        ///< measured window
  double seconds = 0;
  double month_hours = 0;  ///< the catalog's hours per month (730)
  double months = 0;       ///< hours / month_hours, for per-month prices pro rata
  double rate(const char* service, const char* key) const { return catalog.rate(service, key); }
  /// The period's cost of `volume` at a price of `service` in monthly volume `tiers`, when the
  /// account's volume at that price over the period is `total` (`volume` included): the total
  /// is projected to a month, priced tier by tier, and the month's cost brought back to the
  /// period and shared pro rata.
  double tiered(const char* service, std::span<const PriceTier> tiers, double volume, double total) const;
  /// The mean seconds between two requests of one user that reach component `id` (each user
  /// sends one every think_time, of which `id` sees its visits_per_request); 0 when the load is
  /// a rate (there are no users to follow).
  double user_gap_s(std::uint16_t id) const;
  /// What the run measured of component `id`.
  const ComponentTally& tally(std::uint16_t id) const { return model.states[id].tally; }
};

/// The hops of a request that reach component `comp`, in expectation: each class's share, thinned
/// by the hit ratios of the caches and edges before the hop.
double visits_per_request(const Model& m, std::uint16_t comp);

/// What a kind's figures may use: the model at the end of the run and the measured window.
struct FigureContext {
  const Model& model;
  double window_s = 0;  ///< the measured window, seconds
  SimTime end = 0;      ///< when the run ended (its duration, or where a partial run stopped)
  /// Minutes started by `end`: the length of a per-minute series.
  std::size_t minutes() const { return static_cast<std::size_t>((end + kMinute - 1) / kMinute); }
};

/// The load the analytic model (`analyze`) puts on one component, per second at the analysed peak.
struct AnalyticLoad {
  double visits = 0;             ///< hops that reach it
  double reads = 0, writes = 0;  ///< of which reads and writes (databases, tables)
  double record_bytes = 0;       ///< bytes put as records (streams)
  double environments_busy = 0;  ///< concurrent executions (functions), by Little's law
};

/// A managed service's analytic form: the share of its documented limit that `load` uses (it
/// refuses work at 1), and a note naming that limit.
struct LimitShare {
  double used = 0;
  std::string note;
};

/// The share of the time alive its instances' wires were busy at their sustained rates (the
/// baseline, or the internet's share of it): 1 is where they saturate; above 1 while they burst
/// (sources.md §1c). Nothing for a component without a NIC.
void network_figure(const FigureContext& f, std::uint16_t id, ComponentReport& cr);
/// "network 40% busy at its sustained rate", or "" without the figure.
std::string network_text(const ComponentReport& c);

/// "850 ms" or "2.5 s": an age or a delay for a summary line.
std::string age_text(double ms);

/// The catalog's entry for a validated instance type (an internal error when missing).
const InstanceType& catalog_instance(const std::string& name, InstanceFamily family);

/// One component kind. Optional hooks are nullptr.
struct ComponentKind {
  std::string_view type;     ///< the scenario's `type:` and the bill's service line
  HopKind hop;               ///< what its hops do on the data plane
  /// Registers its scenario keys: section "component.TYPE" and any sub-sections it reads.
  void (*params)(ParamRegistry&);
  /// Places its instances and sets its parameters; `c.kind` is preset to `hop`.
  void (*build)(BuildContext&, const ComponentSpec&, std::uint16_t id, Component& c);
  /// Once every component is built: resolves what it names in others (targets, consumers).
  void (*link)(BuildContext&, const ComponentSpec&, std::uint16_t id) = nullptr;
  /// Adds its bill's lines for the measured window (data transfer is billed for every kind
  /// alike, by run/cost.cpp).
  void (*bill)(const BillContext&, const ComponentSpec&, std::uint16_t id, Bill&) = nullptr;
  /// Its own figures (ComponentReport::stats and series) and, for a managed service, its
  /// utilisation as the share of its limit in use. The generic ones are filled before.
  void (*figures)(const FigureContext&, std::uint16_t id, ComponentReport&) = nullptr;
  /// Its analytic form when it is a managed service bounded by a limit, for `analyze`.
  LimitShare (*limit_share)(const Model&, std::uint16_t id, const AnalyticLoad&) = nullptr;
  /// Its box on the diagram: the detail line and, for a zonal kind, its AZ placements.
  void (*draw)(const ComponentSpec&, TopologyNode&) = nullptr;
  /// Its dashed edges of the asynchronous pipeline or attachments (what polls it, what it
  /// writes, delivers or is attached to); the request paths' edges are drawn for every kind.
  void (*draw_edges)(const ComponentSpec&, TopologyGraph&) = nullptr;
  /// Its line in the terminal's Serverless table: what it did and refused, from its figures.
  std::string (*summary)(const ComponentReport&) = nullptr;
  /// What it runs out of when it is the busiest component (its utilisation is the share of that
  /// in use), and when it refuses work without being busy: a capacity search's bottleneck reason.
  std::string_view when_busy = "workers";
  std::string_view when_refusing = "workers";
};

/// The kinds a build of headroom knows, in registration order.
class ComponentRegistry {
 public:
  void add(const ComponentKind& kind);
  /// The kind of `type`, or nullptr.
  const ComponentKind* find(std::string_view type) const;
  /// The kind of `type`; an unknown one is an internal error (the scenario was validated).
  const ComponentKind& at(std::string_view type) const;
  const std::vector<const ComponentKind*>& kinds() const { return kinds_; }

 private:
  std::vector<const ComponentKind*> kinds_;
};

/// Adds every built-in kind to `registry`, one line each (builtin.cpp).
void register_builtin_components(ComponentRegistry& registry);

/// The built-in kinds, built on first use; read-only and safe to share between threads.
const ComponentRegistry& component_registry();

}  // namespace headroom
