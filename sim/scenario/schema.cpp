// scenario_json_schema(): each registry section becomes a closed object schema; each key's
// ValueKind a value schema. Which section a map or list key holds is the one thing the registry
// does not say: the few wirings are listed in `nested` below.
#include "headroom/scenario/schema.hpp"

#include <nlohmann/json.hpp>

#include "headroom/scenario/registry.hpp"

namespace headroom {
namespace {

using nlohmann::ordered_json;
using J = ordered_json;

J def_ref(const std::string& def) { return {{"$ref", "#/definitions/" + def}}; }

/// The definition name of a section: "component.ec2" -> "component_ec2".
std::string def_name(const std::string& section) {
  std::string out = section;
  for (char& c : out)
    if (c == '.') c = '_';
  return out;
}

/// Value shapes shared by many keys, mirroring the unit tables of core/units.cpp: a
/// non-negative number, or a string of one with a unit and no space. The loader still names the
/// unit that is wrong and checks ranges beyond these.
J value_definitions() {
  const std::string num = "[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?";
  auto number_or = [&](const std::string& suffix, const std::string& what, double max = -1) {
    J number = {{"type", "number"}, {"minimum", 0}};
    if (max > 0) number["maximum"] = max;
    return J{{"description", what},
             {"anyOf", J::array({number, J{{"type", "string"}, {"pattern", "^" + num + suffix + "$"}}})}};
  };
  J d;
  d["duration"] = number_or("(ns|us|\xC2\xB5s|ms|s|m|h|d)?", "a duration: 250us, 20ms, 1.5s, 5m, 2h, 1d, or a number of seconds");
  d["size"] = number_or("(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?", "a size: 512B, 200KB, 1.5GB, 64KiB");
  d["fraction"] = number_or("%?", "a fraction: 0.1%, 90%, or a number in [0, 1]", 1);
  d["rate"] = number_or("[kKMG]?(/(s|m|h))?", "a rate: 500/s, 30000/m, 10k/s, or a number per second");
  d["count"] = number_or("[kKMG]?", "a count: 12, 10k, 2.5M");
  return d;
}

J value_schema(const ParamInfo& p) {
  switch (p.kind) {
    case ValueKind::Time: return def_ref("duration");
    case ValueKind::Size: return def_ref("size");
    case ValueKind::Fraction: return def_ref("fraction");
    case ValueKind::Rate: return def_ref("rate");
    case ValueKind::Count: return def_ref("count");
    case ValueKind::Integer: return {{"type", "integer"}};
    case ValueKind::Number: return {{"type", "number"}};
    case ValueKind::String:
    case ValueKind::Reference: return {{"type", "string"}};
    case ValueKind::Enum: return p.choices.empty() ? J{{"type", "string"}} : J{{"enum", p.choices}};
    case ValueKind::Bool: return {{"type", "boolean"}};
    case ValueKind::Distribution: return {{"anyOf", J::array({def_ref("duration"), def_ref("distribution")})}};
    case ValueKind::Curve: return {{"anyOf", J::array({def_ref("count"), def_ref("rate"), def_ref("curve_object")})}};
    case ValueKind::List: return {{"type", "array"}};
    case ValueKind::Map: return {{"type", "object"}};
  }
  return J::object();
}

/// What a Map or List key holds, where the registry's kind alone does not say.
J nested(const ParamRegistry& reg, const std::string& section, const std::string& key) {
  auto list_of = [](J items) { return J{{"type", "array"}, {"items", std::move(items)}}; };
  if (key == "components") return {{"type", "object"}, {"additionalProperties", def_ref("component")}};
  if (key == "faults") return list_of(def_ref("fault"));
  if (key == "traffic") return list_of(def_ref("traffic"));
  if (key == "path") return list_of({{"type", "string"}});
  if (key == "azs") return list_of({{"type", "string"}});
  if (key == "service_by_class") {
    ParamInfo demand;
    demand.kind = ValueKind::Distribution;
    return {{"type", "object"}, {"additionalProperties", value_schema(demand)}};
  }
  if (section == "component.ec2" && key == "pool")  // `pool: 10` or `pool: {size: 10, timeout: 30s}`
    return {{"anyOf", J::array({J{{"type", "integer"}, {"minimum", 1}}, def_ref(def_name("pool"))})}};
  if (section == "scaling" && key == "steps") return list_of(def_ref("scaling_step"));
  if (section == "scaling" && key == "schedule") return list_of(def_ref("scaling_schedule"));
  if (section == "curve.step" && key == "steps")
    return list_of({{"type", "array"}, {"minItems", 2}, {"maxItems", 2}});
  if (key == "terms" || key == "sum") return list_of(def_ref("curve_object"));
  if (reg.find(section + "." + key)) return def_ref(def_name(section + "." + key));
  if (reg.find(key)) return def_ref(def_name(key));
  return J::object();
}

J section_schema(const ParamRegistry& reg, const SectionInfo& s) {
  J props = J::object();
  J required = J::array();
  for (const ParamInfo& p : s.params) {
    if (!p.supported()) continue;
    J v = (p.kind == ValueKind::Map || p.kind == ValueKind::List) ? nested(reg, s.name, p.key) : value_schema(p);
    if (v.empty()) v = value_schema(p);
    std::string help = p.help;
    if (!p.default_text.empty()) help += " (default: " + p.default_text + ")";
    v["description"] = help;
    props[p.key] = v;
    if (p.required) required.push_back(p.key);
  }
  // A class's share and path may come from different files (an `include:` declares the shares,
  // each scenario its paths): one file cannot be judged for them, the loader checks the merge.
  if (s.name == "traffic") required = J::array({"name"});
  J out = {{"type", "object"}, {"description", s.help}, {"properties", props}, {"additionalProperties", false}};
  if (!required.empty()) out["required"] = required;
  return out;
}

}  // namespace

std::string scenario_json_schema() {
  const ParamRegistry& reg = scenario_registry();
  J defs = value_definitions();
  J components = J::array(), faults = J::array(), curves = J::array();
  std::vector<std::string> types;
  for (const SectionInfo& s : reg.sections()) {
    if (!s.supported() || s.name == "scenario" || s.name == "topology") continue;
    J schema = section_schema(reg, s);
    if (s.name.rfind("component.", 0) == 0) {
      const std::string type = s.name.substr(10);
      types.push_back(type);
      schema["properties"]["type"] = {{"const", type}, {"description", "the component type"}};
      components.push_back({{"if", {{"properties", {{"type", {{"const", type}}}}}, {"required", J::array({"type"})}}},
                            {"then", def_ref(def_name(s.name))}});
    } else if (s.name.rfind("fault.", 0) == 0) {
      faults.push_back(def_ref(def_name(s.name)));
    } else if (s.name.rfind("curve.", 0) == 0) {
      schema["properties"]["curve"] = {{"const", s.name.substr(6)}, {"description", "the kind of curve"}};
      curves.push_back(def_ref(def_name(s.name)));
    } else if (s.name == "curve") {
      continue;  // the generic curve map: its two forms are curve_object's alternatives
    }
    defs[def_name(s.name)] = schema;
  }
  curves.push_back({{"type", "object"},
                    {"description", "shorthand for {curve: sum, terms: [...]}"},
                    {"properties", {{"sum", nested(reg, "curve", "sum")}}},
                    {"required", {"sum"}},
                    {"additionalProperties", false}});
  defs["curve_object"] = {{"description", reg.at("curve").help}, {"anyOf", curves}};
  defs["fault"] = {{"description", "an injected failure (spec.md §4)"}, {"anyOf", faults}};
  // A component without `type` overrides keys of a topology file's component of the same name.
  J component = {{"type", "object"},
                 {"description", "a component: `type` selects its keys (spec.md §3)"},
                 {"properties", {{"type", {{"enum", types}, {"description", "the component type"}}}}},
                 {"allOf", components}};
  defs["component"] = component;

  J root = section_schema(reg, reg.at("scenario"));
  J out = {{"$schema", "http://json-schema.org/draft-07/schema#"},
           {"$id", "https://headroom.invalid/scenario.schema.json"},
           {"title", "headroom scenario"},
           {"description", "Generated by `headroom schema` from the parameter registry (sim/scenario/registry*.cpp); "
                           "do not edit. " + reg.at("scenario").help}};
  for (auto& [k, v] : root.items())
    if (k != "description") out[k] = v;
  out["definitions"] = defs;
  return out.dump(2) + "\n";
}

}  // namespace headroom
