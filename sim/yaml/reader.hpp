#pragma once
// Reading YAML nodes into typed values with exact locations. The only yaml-cpp-facing helpers;
// nothing here leaves sim/yaml/ (STYLE rule 2).
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "headroom/core/diagnostics.hpp"
#include "headroom/core/time.hpp"
#include "headroom/scenario/registry.hpp"

namespace headroom::yaml {

/// The pseudo-file naming values that came from `--set` on the command line.
inline constexpr const char* kOverrideFile = "--set";

/// "components" + "web" -> "components.web"; "" + "load" -> "load".
std::string child_path(const std::string& parent, const std::string& key);
/// "traffic" + 1 -> "traffic[1]".
std::string index_path(const std::string& parent, std::size_t index);

/// Which file each part of the (merged, overridden) YAML tree came from. yaml-cpp marks carry no
/// file name, and after a topology merge or a --set one tree holds nodes of several files, so
/// files are attributed by key path: the longest attributed prefix wins.
class SourceMap {
 public:
  explicit SourceMap(std::string main_file) : main_file_(std::move(main_file)) {}
  const std::string& main_file() const { return main_file_; }
  /// The subtree at `path` came from `file`; replaces what was said about paths under it.
  void attribute(const std::string& path, const std::string& file);
  /// Location to report for the node at `path` when it has no mark of its own (a merged map).
  void anchor(const std::string& path, SourceLoc loc) { anchors_[path] = std::move(loc); }
  std::string file_for(const std::string& path) const;
  const SourceLoc* anchor_for(const std::string& path) const;

 private:
  std::string main_file_;
  std::vector<std::pair<std::string, std::string>> files_;  // path prefix -> file
  std::map<std::string, SourceLoc> anchors_;
};

/// A node about to be read and its key path; `present` is false for a key that is absent.
struct Field {
  bool present = false;
  YAML::Node node;
  std::string path;
  explicit operator bool() const { return present; }
};

/// Turns nodes into values, reporting every problem into one Diagnostics. Each reader returns
/// nullopt on an absent field (silently) or on a bad one (after reporting it).
class Reader {
 public:
  Reader(Diagnostics& out, const SourceMap& sources) : out_(out), sources_(sources) {}

  SourceLoc loc(const YAML::Node& node, const std::string& path) const;
  SourceLoc loc(const Field& f) const { return loc(f.node, f.path); }
  void error(const Field& f, std::string message);
  void error_at(SourceLoc where, std::string path, std::string message);
  Diagnostics& diagnostics() { return out_; }
  const SourceMap& sources() const { return sources_; }
  /// A fragment (`fragment: true`, a file that scenarios include) is read key by key, but a key
  /// it leaves to the scenarios that include it is not missing.
  bool fragment() const { return fragment_; }
  void set_fragment(bool fragment) { fragment_ = fragment; }

  /// The scalar text of `f`, or an error "expected EXPECTED, found a map".
  std::optional<std::string> scalar(const Field& f, const std::string& expected);
  /// A duration; `positive` rejects 0 as well as negatives.
  std::optional<Duration> duration(const Field& f, bool positive = false);
  std::optional<double> size(const Field& f);
  std::optional<double> fraction(const Field& f);
  std::optional<double> rate(const Field& f);
  /// A count such as 12 or 10k; `positive` rejects 0 (a zero capacity).
  std::optional<double> count(const Field& f, bool positive = false);
  /// A whole number in [min, max]; `10k` is accepted.
  std::optional<std::int64_t> integer(const Field& f, std::int64_t min,
                                      std::int64_t max = INT64_MAX);
  /// A plain non-negative real number, e.g. a coefficient of variation.
  std::optional<double> number(const Field& f);
  std::optional<bool> boolean(const Field& f);
  /// Any scalar, possibly empty.
  std::optional<std::string> text(const Field& f);
  /// A non-empty scalar (a component or class name, a file).
  std::optional<std::string> name(const Field& f);
  /// One of `param.choices`, with "did you mean" over them.
  std::optional<std::string> choice(const Field& f, const ParamInfo& param);
  /// A list of distinct non-empty names, e.g. `azs: [a, b]`.
  std::optional<std::vector<std::string>> names(const Field& f);
  /// The elements of a list (an error for anything else; null is an empty list).
  std::optional<std::vector<Field>> list(const Field& f, const std::string& expected);

 private:
  Diagnostics& out_;
  const SourceMap& sources_;
  bool fragment_ = false;
};

/// One YAML map read against its registry section: unknown keys (with "did you mean"), duplicate
/// keys, keys not supported yet and missing required keys are reported on construction.
class MapReader {
 public:
  MapReader(Reader& reader, const Field& map, const SectionInfo& section);
  /// True when the field was a map (or null: an empty map).
  bool ok() const { return ok_; }
  /// The value at `key` (which must be one of the section's keys), possibly absent.
  Field get(const std::string& key) const;
  bool has(const std::string& key) const { return values_.count(key) != 0; }
  const std::string& path() const { return field_.path; }
  SourceLoc loc() const { return reader_.loc(field_); }
  /// Where each present key's value is, for ComponentSpec::key_locs and the like.
  std::map<std::string, SourceLoc> value_locs() const;

 private:
  Reader& reader_;
  Field field_;
  const SectionInfo& section_;
  bool ok_ = false;
  std::map<std::string, YAML::Node> values_;
};

/// "a map", "a list", "nothing" or the quoted scalar, for "found …" in messages.
std::string describe(const YAML::Node& node);

}  // namespace headroom::yaml
