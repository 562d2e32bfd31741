// `--set PATH=VALUE` (spec.md §1): edits the YAML tree before it is read, so that an overridden
// value is checked exactly like a written one. Values that came from --set are attributed to
// the pseudo-file "--set", so their diagnostics say where they came from.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "document.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

bool is_index(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "traffic[1].share" and "traffic.1.share" both give {traffic, 1, share}.
std::optional<std::vector<std::string>> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      if (cur.empty() && (i == 0 || path[i - 1] != ']')) return std::nullopt;
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c == '[') {
      const std::size_t close = path.find(']', i);
      if (cur.empty() || close == std::string::npos) return std::nullopt;
      out.push_back(cur);
      cur = path.substr(i + 1, close - i - 1);
      if (!is_index(cur)) return std::nullopt;
      out.push_back(cur);
      cur.clear();
      i = close;
    } else {
      cur += c;
    }
  }
  if (cur.empty() && (path.empty() || path.back() != ']')) return std::nullopt;
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<std::string> keys_of(const YAML::Node& map) {
  std::vector<std::string> out;
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar()) out.push_back(it->first.Scalar());
  return out;
}

class Applier {
 public:
  Applier(SourceMap& sources, Diagnostics& out) : sources_(sources), out_(out) {}

  void apply(YAML::Node& root, const Override& o) {
    const auto segments = split_path(o.path);
    if (!segments)
      return fail(o, "not a key path such as components.web.count or traffic[1].share");
    const std::vector<std::string> top = scenario_registry().at("scenario").keys();
    if (std::find(top.begin(), top.end(), (*segments)[0]) == top.end()) {
      const std::string suffix = suggestion_suffix((*segments)[0], top);
      return fail(o,
                  "unknown top-level key '" + (*segments)[0] + "'" +
                      (suffix.empty() ? fmt::format(" (expected one of: {})", fmt::join(top, ", "))
                                      : suffix));
    }
    YAML::Node value;
    if (yaml_stalls(o.value)) return fail(o, "cannot read value '" + o.value + "' as YAML: a ',' outside [ ] or { } (quote it)");
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      return fail(o, "cannot read value '" + o.value + "' as YAML: " + e.msg);
    }
    if (!root.IsMap()) return;  // an empty or broken file: reported by the reader
    walk(root, o, *segments, value);
  }

 private:
  void fail(const Override& o, const std::string& message) {
    out_.error(SourceLoc{kOverrideFile, 0, 0}, o.path, message);
  }

  // Copies the path from the root down instead of editing nodes in place: a node reached through
  // a YAML alias (*name) is the very node of its anchor (&name), so writing into it would change
  // the original too. Each map or sequence on the path is rebuilt shallowly (its other children
  // stay shared, unchanged) and keeps its location through the source map's anchors.
  void walk(YAML::Node& root, const Override& o, const std::vector<std::string>& segments,
            const YAML::Node& value) {
    YAML::Node out;
    if (!copy_path(root, o, segments, 0, "", value, out)) return;
    root.reset(out);  // reset rebinds the handle; operator= would overwrite the node itself
  }

  /// `out` becomes a copy of `cur` (the node at `path`) with segments[i..] set to `value`.
  bool copy_path(const YAML::Node& cur, const Override& o, const std::vector<std::string>& segments,
                 std::size_t i, const std::string& path, const YAML::Node& value, YAML::Node& out) {
    const std::string& seg = segments[i];
    const bool last = i + 1 == segments.size();
    if (!cur.Mark().is_null() && !path.empty())
      sources_.anchor(path, source_loc(sources_.file_for(path), cur.Mark()));
    if (cur.IsSequence()) {
      const std::size_t n = cur.size();
      const std::size_t index = is_index(seg) && seg.size() < 10 ? std::stoul(seg) : n;
      if (index >= n) {
        fail(o, "'" + seg + "' is not an index of " + path + ", which has " + std::to_string(n) +
                    " entries" + (n > 0 ? " (0 to " + std::to_string(n - 1) + ")" : ""));
        return false;
      }
      const std::string here = index_path(path, index);
      YAML::Node child;
      if (last) {
        child = value;
        sources_.attribute(here, kOverrideFile);
      } else if (!copy_path(cur[index], o, segments, i + 1, here, value, child)) {
        return false;
      }
      out = YAML::Node(YAML::NodeType::Sequence);
      for (std::size_t j = 0; j < n; ++j) out.push_back(j == index ? child : cur[j]);
      return true;
    }
    if (!cur.IsMap()) {
      fail(o, "cannot set '" + seg + "' inside " + path + ", which is the value '" + cur.Scalar() +
                  "', not a map");
      return false;
    }
    const std::string here = child_path(path, seg);
    YAML::Node child;
    if (last) {
      child = value;
      sources_.attribute(here, kOverrideFile);
    } else {
      YAML::Node below;
      if (!has_key(cur, seg) || cur[seg].IsNull()) {
        // A component must exist before a key inside it can be set: a new one comes whole.
        if (i == 1 && segments[0] == "components") {
          fail(o, "no component '" + seg + "'" + suggestion_suffix(seg, keys_of(cur)));
          return false;
        }
        below = YAML::Node(YAML::NodeType::Map);
        sources_.attribute(here, kOverrideFile);
      } else {
        below.reset(cur[seg]);
      }
      if (!copy_path(below, o, segments, i + 1, here, value, child)) return false;
    }
    out = YAML::Node(YAML::NodeType::Map);
    bool replaced = false;
    for (auto it = cur.begin(); it != cur.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == seg && !replaced) {
        out.force_insert(it->first, child);
        replaced = true;
      } else {
        out.force_insert(it->first, it->second);
      }
    }
    if (!replaced) out.force_insert(seg, child);
    return true;
  }

  SourceMap& sources_;
  Diagnostics& out_;
};

}  // namespace

void apply_overrides(YAML::Node& root, const std::vector<Override>& overrides, OverridePhase phase,
                     SourceMap& sources, Diagnostics& out) {
  Applier applier(sources, out);
  for (const auto& o : overrides) {
    const bool topology = o.path == "topology" || o.path == "include";
    if (topology == (phase == OverridePhase::Topology)) applier.apply(root, o);
  }
}

}  // namespace headroom::yaml
