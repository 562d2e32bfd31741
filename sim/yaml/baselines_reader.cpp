// Reading and writing baselines files (spec.md §6). yaml-cpp stays in sim/yaml/.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "document.hpp"
#include "headroom/core/units.hpp"
#include "headroom/study/baselines.hpp"

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

}  // namespace

BaselineFile load_baselines(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw InputError(fmt::format("{}: cannot read the baselines file", file));
  std::stringstream text;
  text << in.rdbuf();
  BaselineFile out{file, {}};
  Diagnostics problems;
  std::optional<YAML::Node> parsed = yaml::parse_yaml(text.str(), file, problems);
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
      if (!s || *s < 0 || *s != static_cast<double>(static_cast<std::uint64_t>(*s)))
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

std::string baselines_yaml(const BaselineFile& f, const std::vector<std::map<std::string, double>>& actuals) {
  auto num = [](double v) { return fmt::format("{:.6g}", v); };
  std::string out = "# headroom baselines (spec.md §6): `headroom check` re-runs each scenario and compares;\n"
                    "# `headroom check --update` rewrote the values below from a run.\nbaselines:\n";
  for (std::size_t i = 0; i < f.baselines.size(); ++i) {
    const Baseline& b = f.baselines[i];
    out += fmt::format("  - scenario: {}\n", b.scenario);
    if (b.seed) out += fmt::format("    seed: {}\n", *b.seed);
    out += "    expect:\n";
    for (const auto& e : b.expect) {
      const auto it = i < actuals.size() ? actuals[i].find(e.key) : std::map<std::string, double>::const_iterator{};
      const bool have = i < actuals.size() && it != actuals[i].end();
      std::vector<std::string> parts;
      if (e.value) parts.push_back("value: " + num(have ? it->second : *e.value));
      if (!e.tolerance_text.empty()) parts.push_back("tolerance: " + e.tolerance_text);
      if (e.min) parts.push_back("min: " + num(have && !e.value ? std::min(*e.min, it->second) : *e.min));
      if (e.max) parts.push_back("max: " + num(have && !e.value ? std::max(*e.max, it->second) : *e.max));
      out += fmt::format("      {}: {{{}}}\n", e.key, fmt::join(parts, ", "));
    }
  }
  return out;
}

}  // namespace headroom
