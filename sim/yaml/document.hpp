#pragma once
// Turning text into one YAML tree, and yaml-cpp marks into SourceLocs: the one way every reader
// in sim/yaml/ (scenarios, topologies, the price catalog, baselines files) does both, so a
// syntax error reads the same whichever file it is in.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "headroom/core/diagnostics.hpp"

namespace headroom::yaml {

/// `file` at the 1-based line and column of `mark` (yaml-cpp counts from 0); 0:0, the file as a
/// whole, for a null mark (a node built in memory rather than read).
SourceLoc source_loc(const std::string& file, const YAML::Mark& mark);

/// The one YAML document of `text` (a null node when there is none). A syntax error, or a second
/// document (`---` then more), is reported into `diags` at `file_label`:line:col, and nullopt
/// returned.
std::optional<YAML::Node> parse_yaml(const std::string& text, const std::string& file_label,
                                     Diagnostics& diags);

/// Whether the map `map` has the scalar key `key`, and the value there (a null node when it has
/// not). Found by walking the entries: `map[key]` on a map with a non-scalar key gives yaml-cpp an
/// invalid node whose IsScalar() throws (a fuzzer finding, tests/fuzz/regressions).
bool has_key(const YAML::Node& map, const std::string& key);
YAML::Node value_at(const YAML::Node& map, const std::string& key);

/// Where yaml-cpp (0.7, Debian's) would stop making progress on `text`, if it would: on a ','
/// outside any flow collection at a node's start (`,` alone, `- a` then `,`, `"x" ,`) its parser
/// emits empty nodes forever, allocating as it goes (found by the fuzzer, tests/fuzz/regressions).
/// A first pass counts the parser's events and stops at more than any text of that length can
/// produce; nullopt when the text parses (or fails) in bounded work.
std::optional<YAML::Mark> yaml_stalls(const std::string& text);

}  // namespace headroom::yaml
