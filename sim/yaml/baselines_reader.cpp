// Reading and writing baselines files (spec.md §6). yaml-cpp stays in sim/yaml/.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "headroom/yaml/baselines_reader.hpp"
#include "document.hpp"
#include "headroom/core/files.hpp"
#include "headroom/core/units.hpp"
#include "headroom/scenario/baselines_file.hpp"

namespace headroom {
namespace {

SourceLoc loc_of(const std::string& file, const YAML::Node& n) {
  return yaml::source_loc(file, n.Mark());
}

/// A number, a percentage ("0.1%") or a count ("10k").
std::optional<double> number(const YAML::Node& n) {
  if (!n.IsScalar()) return std::nullopt;
  const std::string s = n.Scalar();
  if (s.find('%') != std::string::npos) {
    const auto f = parse_fraction(s);
    return f.ok() ? std::optional<double>(f.value()) : std::nullopt;
  }
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  const auto c = parse_count(s);
  return c.ok() ? std::optional<double>(c.value()) : std::nullopt;
}

struct BaselineFigure {
  const char* name;
  std::optional<double> was, now;
};

/// Text at `pos`, `length` bytes long, to become `text`.
struct Edit {
  std::size_t pos = 0, length = 0;
  std::string text;
};

// Replaces `scalar`'s text in the file (after a tag or anchor at its mark, YAML 1.2 §6.9) by
// `replacement` as the emitter writes it. Refuses what it cannot find exactly: a plain scalar
// folded over several lines, say.
Edit scalar_edit(const BaselineFile& f, const YAML::Node& scalar, const std::string& replacement) {
  const std::string& text = f.text;
  const YAML::Mark mark = scalar.Mark();
  std::size_t at = mark.is_null() ? text.size() : static_cast<std::size_t>(mark.pos);
  while (at < text.size() && (text[at] == '!' || text[at] == '&')) {
    at = text.find_first_of(" \t\r\n", at);
    at = at == std::string::npos ? text.size() : text.find_first_not_of(" \t", at);
    if (at == std::string::npos) at = text.size();
  }
  std::size_t end = std::string::npos;
  if (at < text.size() && (text[at] == '\'' || text[at] == '"')) {
    const char quote = text[at];
    for (std::size_t k = at + 1; k < text.size() && end == std::string::npos; ++k) {
      if (quote == '"' && text[k] == '\\')
        ++k;
      else if (quote == '\'' && text[k] == '\'' && k + 1 < text.size() && text[k + 1] == '\'')
        ++k;
      else if (text[k] == quote)
        end = k + 1;
    }
  } else if (at < text.size() && text.compare(at, scalar.Scalar().size(), scalar.Scalar()) == 0) {
    end = at + scalar.Scalar().size();
  }
  if (end == std::string::npos) {
    const SourceLoc loc = yaml::source_loc(f.file, mark);
    throw InputError(
        fmt::format("{}:{}:{}: cannot update '{}' in place: write it as a number on one line",
                    loc.file, loc.line, loc.col, scalar.Scalar()));
  }
  YAML::Emitter emitter;
  emitter << replacement;
  return Edit{at, end - at, emitter.c_str()};
}

}  // namespace

BaselineFile load_baselines(const std::string& file) {
  const InputText in = read_input_file(file);
  if (!in.text) throw InputError(fmt::format("{}: cannot read the baselines file ({})", file, in.problem));
  BaselineFile out{file, {}, *in.text};
  Diagnostics problems;
  std::optional<YAML::Node> parsed = yaml::parse_yaml(out.text, file, problems);
  problems.throw_if_any();
  const YAML::Node root = *parsed;
  if (!root.IsMap() || !root["baselines"] || !root["baselines"].IsSequence()) {
    problems.error(SourceLoc{file, 1, 1}, "baselines", "expected a top-level `baselines:` list");
    problems.throw_if_any();
  }
  for (const auto& kv : root)
    if (kv.first.Scalar() != "baselines")
      problems.error(loc_of(file, kv.first), kv.first.Scalar(),
                     fmt::format("unknown key{}", suggestion_suffix(kv.first.Scalar(), {"baselines"})));
  const std::filesystem::path dir = std::filesystem::path(file).parent_path();
  std::size_t i = 0;
  for (const auto& b : root["baselines"]) {
    const std::string path = fmt::format("baselines[{}]", i++);
    Baseline base;
    base.loc = loc_of(file, b);
    if (!b.IsMap()) {
      problems.error(base.loc, path, "expected a map with `scenario`, `seed` and `expect`");
      continue;
    }
    for (const auto& kv : b) {
      const std::string k = kv.first.Scalar();
      if (k != "scenario" && k != "seed" && k != "expect")
        problems.error(loc_of(file, kv.first), path + "." + k,
                       fmt::format("unknown key{}", suggestion_suffix(k, {"scenario", "seed", "expect"})));
    }
    if (!b["scenario"] || !b["scenario"].IsScalar()) {
      problems.error(base.loc, path + ".scenario", "missing: the scenario file to run");
      continue;
    }
    base.scenario = b["scenario"].Scalar();
    base.resolved = std::filesystem::exists(base.scenario) ? base.scenario : (dir / base.scenario).string();
    if (!std::filesystem::exists(base.resolved))
      problems.error(loc_of(file, b["scenario"]), path + ".scenario", fmt::format("no such file '{}'", base.scenario));
    if (b["seed"]) {
      const auto s = number(b["seed"]);
      // Range first: converting a double beyond 2^64 to an integer is undefined.
      if (!s || *s < 0 || *s >= 0x1p64 || *s != std::floor(*s))
        problems.error(loc_of(file, b["seed"]), path + ".seed", "expected a non-negative integer");
      else base.seed = static_cast<std::uint64_t>(*s);
    }
    if (!b["expect"] || !b["expect"].IsMap() || b["expect"].size() == 0) {
      problems.error(base.loc, path + ".expect", "expected a map of report keys to {value, tolerance} | {min} | {max}");
      continue;
    }
    for (const auto& kv : b["expect"]) {
      Expectation e;
      e.key = kv.first.Scalar();
      e.loc = loc_of(file, kv.second);
      const std::string epath = path + ".expect." + e.key;
      if (!kv.second.IsMap()) {
        problems.error(e.loc, epath, "expected {value: V, tolerance: T}, {min: V} or {max: V}");
        continue;
      }
      for (const auto& f : kv.second) {
        const std::string k = f.first.Scalar();
        const auto v = number(f.second);
        if (k != "value" && k != "tolerance" && k != "min" && k != "max") {
          problems.error(loc_of(file, f.first), epath + "." + k,
                         fmt::format("unknown key{}", suggestion_suffix(k, {"value", "tolerance", "min", "max"})));
          continue;
        }
        if (!v || *v < 0) {
          problems.error(loc_of(file, f.second), epath + "." + k,
                         fmt::format("expected a non-negative number or percentage, got '{}'",
                                     f.second.IsScalar() ? f.second.Scalar() : std::string("a collection")));
          continue;
        }
        if (k == "value") e.value = *v;
        if (k == "min") e.min = *v;
        if (k == "max") e.max = *v;
        if (k == "tolerance") {
          e.tolerance_text = f.second.Scalar();
          e.relative = e.tolerance_text.find('%') != std::string::npos;
          e.tolerance = *v;
        }
      }
      if (!e.value && !e.min && !e.max)
        problems.error(e.loc, epath, "expected at least one of `value` (with `tolerance`), `min`, `max`");
      else if (!e.tolerance_text.empty() && !e.value)
        problems.error(e.loc, epath, "`tolerance` needs a `value` to be around");
      else base.expect.push_back(e);
    }
    out.baselines.push_back(std::move(base));
  }
  problems.throw_if_any();
  return out;
}

// yaml-cpp re-emits a tree without its comments, so --update does not: it keeps the text and
// replaces only the scalars whose figure changed, found by their marks; the emitter writes just
// those scalars.
std::string baselines_yaml(const BaselineFile& f, const std::vector<std::map<std::string, double>>& actuals) {
  Diagnostics problems;
  const std::optional<YAML::Node> parsed = yaml::parse_yaml(f.text, f.file, problems);
  problems.throw_if_any();
  const YAML::Node listed = (*parsed)["baselines"];
  auto num = [](double v) { return fmt::format("{:.6g}", v); };
  std::map<std::size_t, Edit> edits;  // by offset in the text
  for (std::size_t i = 0; i < f.baselines.size() && i < actuals.size(); ++i) {
    // load_baselines kept every entry and expectation (it throws on any problem), in file order.
    const YAML::Node expect = listed[i]["expect"];
    for (const auto& e : f.baselines[i].expect) {
      const auto it = actuals[i].find(e.key);
      if (it == actuals[i].end()) continue;
      const double actual = it->second;
      // A value follows the run; a min or max (without a value) widens to it.
      const BaselineFigure figures[] = {
          {"value", e.value, e.value ? std::optional(actual) : std::nullopt},
          {"min", e.min, e.min && !e.value ? std::optional(std::min(*e.min, actual)) : e.min},
          {"max", e.max, e.max && !e.value ? std::optional(std::max(*e.max, actual)) : e.max}};
      for (const auto& [name, was, now] : figures) {
        if (!was || num(*now) == num(*was)) continue;
        const Edit edit = scalar_edit(f, expect[e.key][name], num(*now));
        // Two expectations reach one scalar only through a YAML alias (*name).
        const auto [at, added] = edits.emplace(edit.pos, edit);
        if (!added && at->second.text != edit.text)
          throw InputError(fmt::format(
              "{}: cannot update {}: its figure is shared with another key through a YAML alias",
              f.file, e.key));
      }
    }
  }
  std::string out = f.text;
  for (auto it = edits.rbegin(); it != edits.rend(); ++it)
    out.replace(it->second.pos, it->second.length, it->second.text);
  return out;
}

}  // namespace headroom
