// The `components:` map (spec.md §3): the type decides which keys are allowed (the registry's
// section "component.TYPE") and who reads them: the kind's own reader (sim/components/<kind>.cpp),
// registered with its section.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <limits>
#include <set>

#include "headroom/core/assert.hpp"
#include "headroom/core/units.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

// Names are used in paths as `name` or `name.op`, so a dot (or brackets, or a space) in one
// would make a path ambiguous.
std::string bad_name_reason(const std::string& name) {
  if (name.empty()) return "a component needs a name";
  for (char ch : name)
    if (ch == '.' || ch == '[' || ch == ']' || ch == ' ' || ch == '=')
      return "component name '" + name + "' may not contain '" + std::string(1, ch) +
             "' (paths write component.op)";
  return "";
}

/// What an unknown instance name's error lists when no name is close enough to suggest: the
/// sizes of its family when the family exists ("m7g.64xlarge": the m7g sizes), else the families
/// with their size range. The catalog has some 190 names; listing them all is not a message.
std::string instance_choices(const std::string& name, const std::vector<std::string>& names) {
  const auto family_of = [](const std::string& n) { return n.substr(0, n.rfind('.')); };
  std::vector<std::string> sizes;
  for (const auto& n : names)
    if (family_of(n) == family_of(name)) sizes.push_back(n);
  if (!sizes.empty())
    return fmt::format("the {} sizes are: {}", family_of(name), fmt::join(sizes, ", "));
  std::vector<std::string> families;  // "m5.large … m5.24xlarge", in catalog order
  for (std::size_t i = 0; i < names.size();) {
    std::size_t j = i;
    while (j + 1 < names.size() && family_of(names[j + 1]) == family_of(names[i])) ++j;
    families.push_back(i == j ? names[i] : names[i] + " … " + names[j]);
    i = j + 1;
  }
  return fmt::format("the catalog has {}", fmt::join(families, ", "));
}

void read_component(Reader& r, const Field& f, const std::string& name, ScenarioSpec& spec) {
  ComponentSpec c;
  c.name = name;
  c.loc = r.loc(f);
  const ParamRegistry& reg = scenario_registry();
  const std::vector<std::string> types = reg.component_types();
  if (!f.node.IsMap()) {
    r.error(f, fmt::format("expected a map with type: (one of: {}) and its keys, found {}",
                           fmt::join(types, ", "), describe(f.node)));
    return;
  }
  const Field type_field{true, f.node["type"], child_path(f.path, "type")};
  if (!f.node["type"].IsDefined()) {
    r.error(f, fmt::format("missing required key 'type' (one of: {})", fmt::join(types, ", ")));
    return;
  }
  const auto type = r.name(type_field);
  if (!type) return;
  const SectionInfo* section = reg.component(*type);
  if (section == nullptr) {
    const std::string suffix = suggestion_suffix(*type, types);
    r.error(type_field,
            "unknown component type '" + *type + "'" +
                (suffix.empty() ? fmt::format(" (expected one of: {})", fmt::join(types, ", "))
                                : suffix));
    return;
  }
  if (!section->supported()) {
    r.error(type_field, section->not_supported);
    return;
  }
  c.type = *type;
  const MapReader m(r, f, *section);
  HEADROOM_ASSERT(section->read != nullptr, "component section without a reader: " + c.type);
  section->read(r, m, c);
  c.key_locs = m.value_locs();
  spec.components.push_back(std::move(c));
}

}  // namespace

std::optional<std::string> read_instance(Reader& r, const Field& f, InstanceFamily family,
                                         const char* what) {
  const auto name = r.name(f);
  if (!name) return std::nullopt;
  if (find_instance(*name, family) != nullptr) return name;
  const std::vector<std::string> names = instance_names(family);
  const std::string suffix = suggestion_suffix(*name, names);
  r.error(f, "unknown " + std::string(what) + " '" + *name + "'" +
                 (suffix.empty() ? " (" + instance_choices(*name, names) + ")" : suffix));
  return std::nullopt;
}

void read_components(Reader& r, const Field& f, ScenarioSpec& spec) {
  if (!f || f.node.IsNull()) return;
  if (!f.node.IsMap()) {
    r.error(f, "expected a map of component name -> component, found " + describe(f.node));
    return;
  }
  std::set<std::string> seen;  // a set: a vector made 100k components quadratic
  for (auto it = f.node.begin(); it != f.node.end(); ++it) {
    const std::string name = it->first.IsScalar() ? it->first.Scalar() : "";
    const std::string path = child_path(f.path, name);
    if (const std::string why = bad_name_reason(name); !why.empty()) {
      r.error_at(r.loc(it->first, path), f.path, why);
      continue;
    }
    if (!seen.insert(name).second) {
      r.error_at(r.loc(it->first, path), path, "component defined twice");
      continue;
    }
    read_component(r, Field{true, it->second, path}, name, spec);
  }
}

}  // namespace headroom::yaml
