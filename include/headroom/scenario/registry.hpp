#pragma once
/// The parameter registry: every key a scenario file may contain, per section and per component
/// type, with its kind of value, default, help text and whether it is supported yet. It is the
/// one source of truth (STYLE rule 3) for unknown-key errors and their "did you mean", for the
/// enumerated choices the reader accepts, and later for `headroom schema` and the generated
/// scenario reference.
#include <string>
#include <vector>

namespace headroom {

struct ComponentSpec;
struct ScenarioSpec;
class Diagnostics;
namespace yaml {
class Reader;
class MapReader;
}  // namespace yaml

/// Reads one component's keys into its spec: the kind's own reader (sim/components/<kind>.cpp),
/// called by the scenario reader once the keys have been checked against the kind's section.
using ComponentReader = void (*)(yaml::Reader&, const yaml::MapReader&, ComponentSpec&);
/// Checks what one component says about the others (the components it names, settings that
/// contradict each other), once the whole scenario has been read.
using ComponentValidator = void (*)(const ScenarioSpec&, const ComponentSpec&, Diagnostics&);

/// How a component kind stands in a path (component sections only).
struct HopRules {
  bool in_paths = true;                 ///< false: never a hop (storage attached to instances)
  std::vector<std::string> operations = {};  ///< what a hop on it may name (`db.read`); empty: none
  bool operation_required = false;      ///< a hop must name one of them
  std::string noun = {};                     ///< in messages about operations: "an rds database"
  std::string last_reason = {};              ///< why it must end a path, or "" when it need not
  /// Why a kill or random fault cannot name it, or "" when it fails by instance.
  std::string no_instance_faults = {};
  /// The operation a stream consumer uses to hand it each record (`write` to a table, `put` to a
  /// stream or bucket), or "" when a consumer's output cannot name it.
  std::string record_sink = {};
};

/// What a key's value is; names the unit table entry used to parse it (core/units.hpp).
enum class ValueKind {
  Time,          ///< a duration: `20ms`, `1.5s`; bare number = seconds
  Size,          ///< `200KB`, `1GiB`
  Fraction,      ///< `0.1%` or a number in [0, 1]
  Rate,          ///< `500/s`, `30000/m`
  Count,         ///< `12`, `10k`, `2.5M`
  Integer,       ///< a whole number
  Number,        ///< a plain real number (e.g. a coefficient of variation)
  String,        ///< free text or a name
  Enum,          ///< one of `choices`
  Bool,          ///< true | false
  Distribution,  ///< a duration (exponential mean) or {mean, dist, cv}
  Curve,         ///< a number or a {curve: ...} map (spec.md §2)
  List,          ///< a YAML sequence
  Map,           ///< a YAML map (its keys are another section)
  Reference,     ///< the name of another component
};

/// "duration", "size", … as shown in help and schemas.
const char* value_kind_name(ValueKind kind);

/// One key of one section.
struct ParamInfo {
  std::string key;
  ValueKind kind = ValueKind::String;
  std::string default_text;  ///< "" when there is no default (required or optional)
  std::string help;
  std::vector<std::string> choices;  ///< Enum: the accepted values, in display order
  bool required = false;             ///< the reader reports a missing required key
  std::string not_supported;         ///< "": supported now; else the complete error message
  bool supported() const { return not_supported.empty(); }
};

/// One map of the scenario format: the top level, `client`, a component type, a curve kind, …
struct SectionInfo {
  std::string name;  ///< "scenario", "client", "component.ec2", "curve.diurnal", …
  std::string help;
  std::string key_noun = "key";   ///< how messages name its keys: "key", "SLO metric", …
  std::string not_supported;      ///< component types and fault kinds recognised but not built yet
  std::vector<ParamInfo> params;  ///< in documentation order
  ComponentReader read = nullptr; ///< component sections: reads the kind's keys
  ComponentValidator validate = nullptr;  ///< component sections: cross-component checks, or none
  HopRules hop;                   ///< component sections: where it may stand in a path

  /// The key `key`, or nullptr.
  const ParamInfo* find(const std::string& key) const;
  /// Every key, in order (for "did you mean" and for listing the valid keys).
  std::vector<std::string> keys() const;
  bool supported() const { return not_supported.empty(); }
};

/// The sections of the scenario format. Built once by register_scenario_params and immutable.
class ParamRegistry {
 public:
  /// Adds a section; its name must be new.
  void add(SectionInfo section);
  /// The section named `name`, or nullptr.
  const SectionInfo* find(const std::string& name) const;
  /// The section named `name`; a missing one is a headroom bug (HEADROOM_ASSERT).
  const SectionInfo& at(const std::string& name) const;
  /// All sections, in registration order.
  const std::vector<SectionInfo>& sections() const { return sections_; }
  /// Every component type name (sections "component.X"), supported or not, in order.
  std::vector<std::string> component_types() const;
  /// The section of component type `type` ("component." + type), or nullptr.
  const SectionInfo* component(const std::string& type) const;
  /// Every fault kind (sections "fault.X": kill, az_outage, …), supported or not, in order.
  std::vector<std::string> fault_kinds() const;
  /// The section of fault kind `kind` ("fault." + kind), or nullptr.
  const SectionInfo* fault(const std::string& kind) const;

 private:
  std::vector<std::string> names_under(const std::string& prefix) const;
  std::vector<SectionInfo> sections_;
};

/// Registers the sections every scenario shares: top level, client, network, load, curves,
/// traffic, slo and distributions. Component kinds register their own sections
/// (sim/components/<kind>.cpp), and the fault kinds theirs.
void register_scenario_params(ParamRegistry& registry);

/// The built-in registry: the shared sections, every built-in component kind's and the fault
/// kinds', built on first use; read-only and safe to share between threads. (Defined with the
/// component kinds, sim/components/kind.cpp, which register into it.)
const ParamRegistry& scenario_registry();

}  // namespace headroom
