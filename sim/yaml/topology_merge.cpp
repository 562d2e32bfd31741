// `topology: FILE` (spec.md §2): components shared by several scenarios. The scenario's own
// `components:` override it per component and per top-level key (a nested map such as
// health_check is replaced whole, never merged key by key: what is written is what applies).
// Merged keys stay attributed to the file they came from, so errors point into it.
#include <filesystem>

#include "headroom/core/files.hpp"

#include "document.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

bool has_key(const YAML::Node& map, const YAML::Node& key) {
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar() && key.IsScalar() && it->first.Scalar() == key.Scalar()) return true;
  return false;
}

// False when the topology could not be read (reported).
bool merge_topology_file(YAML::Node& root, const std::string& base_dir, SourceMap& sources,
                         Diagnostics& out) {
  const YAML::Node& const_root = root;
  Reader r(out, sources);
  const Field file_field{true, const_root["topology"], "topology"};
  const auto relative = r.name(file_field);
  if (!relative) return false;
  const std::string file = resolve_path(base_dir, *relative);
  const InputText text = read_input_file(file);
  if (!text.text) {
    r.error(file_field, "cannot open topology file '" + file + "' (" + text.problem + ")");
    return false;
  }
  const std::optional<YAML::Node> parsed = parse_yaml(*text.text, file, out);
  if (!parsed) return false;
  const YAML::Node topo = *parsed;
  const SourceMap topo_sources(file);
  Reader tr(out, topo_sources);
  if (topo.IsNull()) {
    out.error(SourceLoc{file, 0, 0}, "", "the topology file is empty (it needs components:)");
    return false;
  }
  const MapReader tm(tr, Field{true, topo, ""}, scenario_registry().at("topology"));
  const Field topo_components = tm.get("components");
  if (!topo_components) return false;
  if (!topo_components.node.IsMap()) {
    tr.error(topo_components, "expected a map of component name -> component, found " +
                                  describe(topo_components.node));
    return false;
  }
  YAML::Node own = const_root["components"].IsDefined() ? root["components"] : YAML::Node();
  if (own.IsDefined() && !own.IsNull() && !own.IsMap()) return true;  // the reader reports it
  const bool have_own = own.IsMap();

  YAML::Node merged(YAML::NodeType::Map);
  for (auto it = topo_components.node.begin(); it != topo_components.node.end(); ++it) {
    const std::string name = it->first.Scalar();
    const std::string path = child_path("components", name);
    if (have_own && has_key(own, it->first)) {
      YAML::Node mine = own[name];
      if (mine.IsMap() && it->second.IsMap()) {
        for (auto kv = it->second.begin(); kv != it->second.end(); ++kv) {
          if (has_key(mine, kv->first)) continue;
          mine[kv->first] = kv->second;
          sources.attribute(child_path(path, kv->first.Scalar()), file);
        }
      }
      merged[it->first] = mine;
    } else {
      merged[it->first] = it->second;
      sources.attribute(path, file);
    }
  }
  if (have_own)
    for (auto it = own.begin(); it != own.end(); ++it)
      if (!has_key(merged, it->first)) merged[it->first] = it->second;
  // The merged map is new and has no mark of its own: report it where it was written.
  Reader where(out, sources);
  sources.anchor("components", have_own ? where.loc(own, "components")
                                        : tr.loc(topo_components.node, "components"));
  root["components"] = merged;
  return true;
}

}  // namespace

std::string resolve_path(const std::string& base_dir, const std::string& relative) {
  const std::filesystem::path p(relative);
  if (p.is_absolute()) return p.lexically_normal().generic_string();
  return (std::filesystem::path(base_dir) / p).lexically_normal().generic_string();
}

void merge_topology(YAML::Node& root, const std::string& base_dir, SourceMap& sources,
                    Diagnostics& out) {
  if (!root.IsMap()) return;
  const YAML::Node& const_root = root;
  if (!const_root["topology"].IsDefined()) return;
  // Without its topology the scenario's components are fragments ("web: {count: 5}"); reading
  // them would only report the missing types again, so they go.
  if (!merge_topology_file(root, base_dir, sources, out)) root.remove("components");
}

}  // namespace headroom::yaml
