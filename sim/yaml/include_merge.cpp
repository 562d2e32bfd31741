// `include: FILE` (spec.md §2): a scenario built on another file's keys, such as the journey's one
// client behaviour (scenarios/journey/client.yaml) that every stage shares. The included mapping
// is the base and the scenario's own keys win: maps merge key by key at every depth, lists of
// named maps (traffic) merge entry by entry by `name`, any other value is the scenario's whole.
// Merged keys stay attributed to the file they came from, so an error in an included file is
// reported at that file's line and column. An included file may include another; a cycle is an
// error.
#include <filesystem>
#include <fmt/format.h>

#include "headroom/core/files.hpp"

#include "document.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

namespace fs = std::filesystem;

/// The `name` of a list entry, or "" when the entry is not a map with a scalar name.
std::string entry_name(const YAML::Node& entry) {
  const YAML::Node name = value_at(entry, "name");
  return name.IsScalar() ? name.Scalar() : "";
}

/// A list whose every entry is a map with a name (traffic): merged by name.
bool named_list(const YAML::Node& list) {
  if (!list.IsSequence() || list.size() == 0) return false;
  for (const YAML::Node& e : list)
    if (entry_name(e).empty()) return false;
  return true;
}

bool in_subtree(const std::string& path, const std::string& prefix) {
  return path == prefix || (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
                            (path[prefix.size()] == '.' || path[prefix.size()] == '['));
}

/// Where a path of a resolved tree came from, when not the tree's own file: its file and, for a
/// key added to a map of another file (a node yaml-cpp creates without a mark), where that key
/// was written. Deeper entries follow the ones they refine (SourceMap::attribute's order).
struct Origin {
  std::string path, file;
  std::optional<SourceLoc> key;
};
using Attributions = std::vector<Origin>;

/// One included tree being merged into the tree that includes it.
struct Base {
  const std::string& file;   // the included file
  const Attributions& from;  // its own includes' paths
};

/// A file's identity for cycles: the same file by any relative path or symlink.
std::string canonical(const std::string& file) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(file, ec);
  return ec ? file : p.generic_string();
}

class Includer {
 public:
  Includer(Diagnostics& out, const std::string& main_file) : out_(out) {
    stack_.emplace_back(canonical(main_file), main_file);
  }

  /// Merges the include of `node`, read from `file`, into it; `from` receives the paths that came
  /// from other files. False when an include could not be read (reported).
  bool resolve(YAML::Node& node, const std::string& file, const SourceMap& sources, Attributions& from) {
    if (!node.IsMap() || !has_key(node, "include")) return true;
    const YAML::Node& const_node = node;
    Reader r(out_, sources);
    const Field field{true, const_node["include"], "include"};
    const auto relative = r.name(field);
    if (!relative) return false;
    const std::string included =
        resolve_path(fs::path(file).parent_path().generic_string(), *relative);
    const std::string key = canonical(included);
    for (std::size_t i = 0; i < stack_.size(); ++i)
      if (stack_[i].first == key) {
        std::string chain;
        for (std::size_t j = i; j < stack_.size(); ++j) chain += stack_[j].second + " -> ";
        r.error(field, "include cycle: " + chain + included + " (a file cannot include itself, directly or not)");
        return false;
      }
    const InputText text = read_input_file(included);
    if (!text.text) {
      r.error(field, "cannot open included file '" + included + "' (" + text.problem + ")");
      return false;
    }
    const std::optional<YAML::Node> parsed = parse_yaml(*text.text, included, out_);
    if (!parsed) return false;
    YAML::Node base = *parsed;
    if (base.IsNull()) return true;  // an empty file adds nothing
    if (!base.IsMap()) {
      out_.error(source_loc(included, base.Mark()), "",
                 "an included file holds scenario keys (a map such as {load: ..., traffic: ...}), found " +
                     describe(base));
      return false;
    }
    Attributions base_from;
    stack_.emplace_back(key, included);
    const bool ok = resolve(base, included, SourceMap(included), base_from);
    stack_.pop_back();
    if (!ok) return false;
    merge_map(node, base, "", Base{included, base_from}, from);
    return true;
  }

 private:
  /// The subtree at `base_path` of the base becomes the merged tree's `path`, under a key written
  /// at `key` (null: no new key, a list entry).
  static void take(const std::string& base_path, const std::string& path, const Base& base, const YAML::Mark& key,
                   Attributions& from) {
    std::string file = base.file;
    std::optional<SourceLoc> key_loc;
    for (const Origin& o : base.from)
      if (in_subtree(base_path, o.path)) file = o.file;  // the longest (last) prefix wins
    for (const Origin& o : base.from)
      if (o.path == base_path && o.key) key_loc = o.key;
    if (!key.is_null()) key_loc = source_loc(file, key);
    from.push_back(Origin{path, file, key_loc});
    for (const Origin& o : base.from)
      if (o.path != base_path && in_subtree(o.path, base_path))
        from.push_back(Origin{path + o.path.substr(base_path.size()), o.file, o.key});
  }

  void merge_map(YAML::Node& mine, const YAML::Node& base, const std::string& path, const Base& b, Attributions& from) {
    for (auto it = base.begin(); it != base.end(); ++it) {
      if (!it->first.IsScalar()) continue;
      const std::string k = it->first.Scalar();
      if (path.empty() && (k == "include" || k == "fragment")) continue;  // resolved already; the base's own
      const std::string p = child_path(path, k);
      if (!has_key(mine, k)) {
        mine[k] = it->second;
        take(p, p, b, it->first.Mark(), from);
        continue;
      }
      YAML::Node child = mine[k];
      if (child.IsMap() && it->second.IsMap()) merge_map(child, it->second, p, b, from);
      else if (named_list(child) && named_list(it->second)) merge_named(child, it->second, p, b, from);
      // Anything else: the scenario's value, whole.
    }
  }

  /// Entries of `base` whose name `mine` has merge into them (mine's keys win); the others follow
  /// mine's, in the base's order. Mine's entries keep their positions, so their paths hold.
  void merge_named(YAML::Node& mine, const YAML::Node& base, const std::string& path, const Base& b, Attributions& from) {
    std::size_t next = mine.size();
    for (std::size_t i = 0; i < base.size(); ++i) {
      const std::string name = entry_name(base[i]);
      bool matched = false;
      for (std::size_t j = 0; j < mine.size() && !matched; ++j)
        if (entry_name(mine[j]) == name) {
          YAML::Node entry = mine[j];
          merge_entry(entry, base[i], index_path(path, i), index_path(path, j), b, from);
          matched = true;
        }
      if (matched) continue;
      mine.push_back(base[i]);
      take(index_path(path, i), index_path(path, next++), b, YAML::Mark::null_mark(), from);
    }
  }

  /// merge_map for a named entry that moved from `base_path` to `path`.
  void merge_entry(YAML::Node& mine, const YAML::Node& base, const std::string& base_path, const std::string& path,
                   const Base& b, Attributions& from) {
    for (auto it = base.begin(); it != base.end(); ++it) {
      if (!it->first.IsScalar()) continue;
      const std::string k = it->first.Scalar();
      if (has_key(mine, k)) continue;  // the scenario's value, whole
      mine[k] = it->second;
      take(child_path(base_path, k), child_path(path, k), b, it->first.Mark(), from);
    }
  }

  Diagnostics& out_;
  std::vector<std::pair<std::string, std::string>> stack_;  // (canonical, as written) of the files being read
};

}  // namespace

bool merge_includes(YAML::Node& root, SourceMap& sources, Diagnostics& out) {
  Includer includer(out, sources.main_file());
  Attributions from;
  const bool ok = includer.resolve(root, sources.main_file(), sources, from);
  for (const Origin& o : from) {
    sources.attribute(o.path, o.file);
    if (o.key) sources.anchor(o.path, *o.key);
  }
  return ok;
}

}  // namespace headroom::yaml
