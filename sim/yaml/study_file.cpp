// Reading the sweep: and optimize: blocks. yaml-cpp stays in sim/yaml/.
#include "headroom/yaml/study_file.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>


#include <algorithm>
#include <cmath>
#include <filesystem>

#include "document.hpp"
#include "headroom/core/files.hpp"
#include "headroom/core/units.hpp"
#include "reader.hpp"
#include "readers.hpp"

namespace headroom {
namespace {

constexpr std::size_t kMaxValues = 100'000;  // per parameter: a typo'd step, not a plan

struct Ctx {
  const std::string& file;
  Diagnostics& diags;
  SourceLoc loc(const YAML::Node& n) const { return yaml::source_loc(file, n.Mark()); }
  void error(const YAML::Node& n, const std::string& path, const std::string& message) {
    diags.error(loc(n), path, message);
  }
  /// Every key of `map` is one of `known`; false (and reported) otherwise.
  bool keys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& known) {
    if (!map.IsMap()) {
      error(map, path, fmt::format("expected a map with keys {}", fmt::join(known, ", ")));
      return false;
    }
    bool ok = true;
    for (const auto& kv : map) {
      const std::string k = kv.first.Scalar();
      if (std::find(known.begin(), known.end(), k) == known.end()) {
        error(kv.first, path.empty() ? k : path + "." + k, "unknown key" + suggestion_suffix(k, known));
        ok = false;
      }
    }
    return ok;
  }
};

/// A scalar node written as a count (`12`, `10k`, `2.5M`); nullopt for anything else.
std::optional<double> count_of(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return std::nullopt;
  const auto v = parse_count(n.Scalar());
  return v.ok() ? std::optional<double>(v.value()) : std::nullopt;
}

/// A node as `--set` takes its value: a scalar as written, anything else as flow YAML.
std::string value_text(const YAML::Node& n) {
  if (n.IsScalar()) return n.Scalar();
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

/// `{from, to, step}`: from, from+step, … up to to (inclusive), each written as a whole number
/// when it is one.
std::vector<std::string> range_values(Ctx& c, const YAML::Node& n, const std::string& path) {
  if (!c.keys(n, path, {"from", "to", "step"})) return {};
  double v[3];
  const char* names[3] = {"from", "to", "step"};
  for (int i = 0; i < 3; ++i) {
    const YAML::Node x = n[names[i]];
    const auto p = count_of(x);
    if (!x) {
      c.error(n, path, fmt::format("missing key '{}' (a range is {{from: A, to: B, step: S}})", names[i]));
      return {};
    }
    if (!p) {
      c.error(x, path + "." + names[i], fmt::format("expected a number, got '{}'", value_text(x)));
      return {};
    }
    v[i] = *p;
  }
  if (!(v[2] > 0) || v[1] < v[0]) {
    c.error(n, path, fmt::format("expected from <= to and a step above 0, got from {} to {} step {}", v[0], v[1], v[2]));
    return {};
  }
  const double count = std::floor((v[1] - v[0]) / v[2] * (1 + 1e-12)) + 1;
  if (count > kMaxValues) {
    c.error(n, path, fmt::format("{:.0f} values; at most {} per parameter", count, kMaxValues));
    return {};
  }
  std::vector<std::string> out;
  for (int i = 0; i < static_cast<int>(count); ++i) {
    const double x = v[0] + i * v[2];
    out.push_back(x == std::floor(x) && std::fabs(x) < 1e15 ? fmt::format("{:.0f}", x) : fmt::format("{}", x));
  }
  return out;
}

std::vector<SweepParameter> read_parameters(Ctx& c, const YAML::Node& n, const std::string& path) {
  std::vector<SweepParameter> out;
  if (!n.IsMap() || n.size() == 0) {
    c.error(n, path, "expected a map from --set paths to a list of values or a {from, to, step} range");
    return out;
  }
  for (const auto& kv : n) {
    SweepParameter p;
    p.path = kv.first.Scalar();
    p.loc = c.loc(kv.first);
    const std::string at = path + "." + p.path;
    if (kv.second.IsSequence()) {
      for (const auto& v : kv.second) p.values.push_back(value_text(v));
      if (p.values.empty()) c.error(kv.second, at, "expected at least one value");
    } else if (kv.second.IsMap()) {
      p.values = range_values(c, kv.second, at);
    } else {
      c.error(kv.second, at, fmt::format("expected a list of values or {{from, to, step}}, got '{}'", value_text(kv.second)));
    }
    for (const auto& q : out)
      if (q.path == p.path) c.error(kv.first, at, "the same path twice");
    out.push_back(std::move(p));
  }
  return out;
}

void read_seeds(Ctx& c, const YAML::Node& n, const std::string& path, StudyFile& out) {
  if (n.IsSequence()) {
    for (const auto& s : n) {
      const auto v = count_of(s);
      if (!v || *v >= 0x1p64 || *v != std::floor(*v))
        c.error(s, path, fmt::format("expected a non-negative integer seed, got '{}'", value_text(s)));
      else
        out.seeds.push_back(static_cast<std::uint64_t>(*v));
    }
    if (out.seeds.empty()) c.error(n, path, "expected at least one seed");
    return;
  }
  const auto v = count_of(n);
  if (!v || *v < 1 || *v > 10'000 || *v != std::floor(*v))
    c.error(n, path, fmt::format("expected a number of seeds from 1 to 10000, or a list of seeds, got '{}'", value_text(n)));
  else
    out.seed_count = static_cast<int>(*v);
}

std::optional<double> positive(Ctx& c, const YAML::Node& n, const std::string& path) {
  const auto v = count_of(n);
  if (v && *v > 0) return v;
  c.error(n, path, fmt::format("expected a number above 0, got '{}'", value_text(n)));
  return std::nullopt;
}

void read_optimize(Ctx& c, const YAML::Node& n, StudyFile& out) {
  if (!c.keys(n, "optimize", {"space", "seeds", "users", "slo", "survive", "budget"})) return;
  if (!n["space"]) c.error(n, "optimize", "missing key 'space' (the --set paths to search and their values)");
  else out.parameters = read_parameters(c, n["space"], "optimize.space");
  if (n["seeds"]) read_seeds(c, n["seeds"], "optimize.seeds", out);
  if (n["users"]) out.users = positive(c, n["users"], "optimize.users");
  if (n["budget"]) out.budget = positive(c, n["budget"], "optimize.budget");
  if (const YAML::Node slo = n["slo"]) {
    if (!slo.IsMap()) c.error(slo, "optimize.slo", "expected a map such as {p99: 250ms, error_rate: 0.1%}");
    else
      for (const auto& kv : slo) out.slo.push_back(kv.first.Scalar() + "=" + value_text(kv.second));
  }
  if (const YAML::Node s = n["survive"]) {
    const std::vector<std::string> known = {"instance", "az", "db_primary"};
    if (!s.IsSequence()) c.error(s, "optimize.survive", "expected a list of instance, az, db_primary");
    else
      for (const auto& f : s) {
        const std::string v = value_text(f);
        if (std::find(known.begin(), known.end(), v) == known.end())
          c.error(f, "optimize.survive", fmt::format("expected instance, az or db_primary, got '{}'{}", v, suggestion_suffix(v, known)));
        else
          out.survive.push_back(v);
      }
  }
}

YAML::Node parse_file(const std::string& file, Diagnostics& diags) {
  const InputText in = read_input_file(file);
  if (!in.text) {
    diags.error(SourceLoc{file, 0, 0}, "", "cannot open file (" + in.problem + ")");
    diags.throw_if_any();
  }
  std::optional<YAML::Node> root = yaml::parse_yaml(*in.text, file, diags);
  diags.throw_if_any();
  return *root;
}

}  // namespace

StudyFile load_study(const std::string& file, const std::string& block) {
  Diagnostics diags;
  const YAML::Node root = parse_file(file, diags);
  Ctx c{file, diags};
  StudyFile out;
  out.scenario = file;
  if (!root.IsMap() || !root[block]) {
    diags.error(SourceLoc{file, 0, 0}, block,
                fmt::format("no '{}:' block: give one in the scenario, or a file with 'scenario: FILE' and '{}:' "
                            "(docs/scaling-out.md)",
                            block, block));
    diags.throw_if_any();
  }
  // A file of its own names the scenario and holds nothing else.
  if (root["scenario"]) {
    c.keys(root, "", {"scenario", block});
    const YAML::Node s = root["scenario"];
    if (!s.IsScalar()) {
      c.error(s, "scenario", "expected the path of a scenario file");
    } else {
      const std::filesystem::path p(s.Scalar());
      out.scenario = p.is_absolute() ? p.generic_string()
                                     : (std::filesystem::path(file).parent_path() / p).lexically_normal().generic_string();
    }
  }
  const YAML::Node b = root[block];
  if (block == "sweep") {
    if (c.keys(b, "sweep", {"parameters", "seeds"})) {
      if (!b["parameters"]) c.error(b, "sweep", "missing key 'parameters' (the --set paths to sweep and their values)");
      else out.parameters = read_parameters(c, b["parameters"], "sweep.parameters");
      if (b["seeds"]) read_seeds(c, b["seeds"], "sweep.seeds", out);
    }
  } else {
    read_optimize(c, b, out);
  }
  diags.throw_if_any();
  return out;
}

std::string scenario_with_overrides(const std::string& file, const std::vector<Override>& overrides) {
  Diagnostics diags;
  YAML::Node root = parse_file(file, diags);
  yaml::SourceMap sources(file);
  yaml::apply_overrides(root, overrides, yaml::OverridePhase::Topology, sources, diags);
  yaml::apply_overrides(root, overrides, yaml::OverridePhase::Rest, sources, diags);
  diags.throw_if_any();
  root.remove("sweep");
  root.remove("optimize");
  YAML::Emitter e;
  e << root;
  return std::string(e.c_str()) + "\n";
}

}  // namespace headroom
