// Names are any printable Unicode, never control characters (issue 16): a newline in a name
// wrote DOT statements into `diagram`, an ESC reached the terminal. Checked once over the whole
// tree after the topology merge and --set, so a name from any file or the command line is
// checked at its own file:line:col, before anything reads it.
#include <fmt/format.h>

#include "headroom/core/printable.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

// Free text may hold the line breaks YAML folds into it (`description: >`), never an ESC.
bool free_text(const std::string& key) { return key == "description"; }

void check(Reader& r, const YAML::Node& node, const std::string& path, const std::string& text, bool line_breaks,
           const char* what) {
  const auto bad = first_control(text, line_breaks);
  if (!bad) return;
  r.error(Field{true, node, path},
          fmt::format("{} holds the control character {} at character {}; names and values may hold any printable "
                      "Unicode but no control characters (they would act on terminals and break reports and diagrams)",
                      what, bad->str(), bad->character));
}

void walk(Reader& r, const YAML::Node& node, const std::string& path, bool line_breaks) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      check(r, node, path, node.Scalar(), line_breaks, "this value");
      break;
    case YAML::NodeType::Sequence:
      for (std::size_t i = 0; i < node.size(); ++i) walk(r, node[i], index_path(path, i), false);
      break;
    case YAML::NodeType::Map:
      for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
        check(r, it->first, child_path(path, key), key, false, "this key");
        walk(r, it->second, child_path(path, key), free_text(key));
      }
      break;
    default:
      break;
  }
}

}  // namespace

void reject_control_characters(Reader& r, const YAML::Node& root) { walk(r, root, "", false); }

}  // namespace headroom::yaml
