#include "cli/scenario_options.hpp"

#include <filesystem>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "headroom/core/units.hpp"
#include "headroom/scenario/limits.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/workload/curve.hpp"

namespace po = boost::program_options;

namespace headroom {

InputError option_error(const std::string& option, const std::string& message) {
  return InputError(std::vector<Diagnostic>{{SourceLoc{"command line", 0, 0}, option, message}});
}

std::uint64_t parse_limit_option(const std::string& option, const std::string& text) {
  // 2^53: every whole number up to it is exact in a double, and it is far beyond any run.
  constexpr double kMax = 0x1p53;
  const auto n = parse_count(text);
  if (!n.ok() || !(n.value() >= 1) || n.value() > kMax || n.value() != std::floor(n.value()))
    throw option_error(option, fmt::format("expected a whole number from 1 to 2^53 (such as 1000, 10k or 2e10), got '{}'",
                                           text));
  return static_cast<std::uint64_t>(n.value());
}

void add_scenario_options(po::options_description& opts, ScenarioOptions& out) {
  opts.add_options()("seed", po::value(&out.seed)->value_name("N"), "random seed (default: the scenario's `seed`)")(
      "duration", po::value(&out.duration)->value_name("D"),
      "simulated time, e.g. 2h (default: the scenario's `duration`)")(
      "users", po::value(&out.users)->value_name("N"), "scale the load curve so that its peak is N users")(
      "set", po::value(&out.sets)->composing()->value_name("PATH=VALUE"),
      "override a scenario key, e.g. --set components.web.count=4 (repeatable)")(
      "force", po::bool_switch(&out.force),
      "run even a load that offers more than 1e9 requests (spec.md §7)");
}

void check_run_size(const ScenarioSpec& spec, bool force, const char* force_flag, bool users_option) {
  const double requests = offered_requests(spec);
  if (force || requests <= kMaxRequests) return;
  const SourceLoc at = users_option ? SourceLoc{"command line", 0, 0}
                                    : (spec.load.curve.loc.line > 0 ? spec.load.curve.loc : spec.load.loc);
  const std::string path = users_option ? "--users" : spec.load.by_rate ? "load.rate" : "load.users";
  throw InputError(std::vector<Diagnostic>{
      {at, path,
       fmt::format("this load offers about {:.2g} requests over the {} run, more than headroom's budget of 1e9 "
                   "(a run simulates about 10^6 requests per second of wall time, so that is already ten minutes "
                   "or more; spec.md §7); lower the load or the duration{}",
                   requests, format_duration(spec.duration),
                   force_flag ? fmt::format(", or add {} to run it anyway", force_flag) : "")}});
}

void add_fidelity_option(po::options_description& opts, std::string& out) {
  opts.add_options()("fidelity", po::value(&out)->value_name("F"),
                     "request, hybrid or auto (default): every request as events, or the data plane as rates "
                     "in 1 s steps under the exact control plane; auto is per request while a run's estimated "
                     "events fit 1.5e9 (about a minute), hybrid beyond");
}

Fidelity parse_fidelity(const std::string& text) {
  if (text.empty() || text == "auto") return Fidelity::Auto;
  if (text == "request") return Fidelity::Request;
  if (text == "hybrid") return Fidelity::Hybrid;
  throw option_error("--fidelity", fmt::format("expected request, hybrid or auto, got '{}'", text));
}

void add_zoom_option(po::options_description& opts, std::vector<std::string>& out) {
  opts.add_options()("zoom", po::value(&out)->composing()->value_name("FROM..TO"),
                     "in a hybrid run, simulate every request from FROM to TO, e.g. 20m..35m (repeatable; "
                     "default: a window around each fault)");
}

std::vector<std::pair<SimTime, SimTime>> parse_zoom(const std::vector<std::string>& texts, const ScenarioSpec& spec) {
  Diagnostics problems;
  const SourceLoc cli{"command line", 0, 0};
  std::vector<std::pair<SimTime, SimTime>> out;
  for (const auto& text : texts) {
    const auto dots = text.find("..");
    if (dots == std::string::npos) {
      problems.error(cli, "--zoom", fmt::format("expected FROM..TO (durations such as 20m..35m), got '{}'", text));
      continue;
    }
    const auto from = parse_duration(text.substr(0, dots)), to = parse_duration(text.substr(dots + 2));
    if (!from.ok() || !to.ok()) {
      problems.error(cli, "--zoom", fmt::format("in '{}': {}", text, !from.ok() ? from.error() : to.error()));
    } else if (from.value() >= to.value()) {
      problems.error(cli, "--zoom", fmt::format("in '{}': FROM must come before TO", text));
    } else if (to.value() > spec.duration) {
      problems.error(cli, "--zoom", fmt::format("in '{}': the window ends after the run ({})", text,
                                                format_duration(spec.duration)));
    } else {
      out.emplace_back(from.value(), to.value());
    }
  }
  problems.throw_if_any();
  return out;
}

ScenarioSpec load_with_options(const std::string& file, const ScenarioOptions& o) {
  LoadOptions lo;
  for (const auto& s : o.sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      throw option_error("--set", fmt::format("expected PATH=VALUE, got '{}'", s));
    lo.overrides.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  ScenarioSpec spec = load_scenario(file, lo);

  Diagnostics problems;
  const SourceLoc cli{"command line", 0, 0};
  if (spec.fragment)
    problems.error(spec.loc, "fragment",
                   "this file is a fragment that scenarios include (fragment: true), not a scenario "
                   "to run: run one that has `include: " + std::filesystem::path(file).filename().string() + "`");
  if (!o.seed.empty()) {
    const auto n = parse_count(o.seed);
    // Range first: converting a double beyond 2^64 to an integer is undefined.
    if (!n.ok() || n.value() >= 0x1p64 || n.value() != std::floor(n.value()))
      problems.error(cli, "--seed", fmt::format("expected a non-negative integer, got '{}'", o.seed));
    else spec.seed = static_cast<std::uint64_t>(n.value());
  }
  if (!o.duration.empty()) {
    const auto d = parse_duration(o.duration);
    if (!d.ok()) problems.error(cli, "--duration", d.error());
    else if (d.value() > kMaxDuration)
      problems.error(cli, "--duration", fmt::format("{} is longer than the {} a run may last (spec.md §7)", o.duration,
                                                    format_duration(kMaxDuration)));
    else if (d.value() <= spec.warmup)
      problems.error(cli, "--duration", fmt::format("{} is not longer than the warmup ({})", o.duration,
                                                    format_duration(spec.warmup)));
    else spec.duration = d.value();
  }
  if (!o.users.empty()) {
    const auto n = parse_count(o.users);
    // 0 is allowed: the topology with no traffic, for what it costs idle.
    if (!n.ok() || n.value() < 0)
      problems.error(cli, "--users", fmt::format("expected a count of 0 or more, got '{}'", o.users));
    else if (spec.load.by_rate)
      problems.error(cli, "--users", "the scenario gives `load.rate`; --users scales `load.users` curves");
    else if (spec.duration > kMaxDuration) {
      // Reported by validate_scenario below; its peak would take a step per simulated second.
    }
    else {
      const double peak = curve_peak(spec.load.curve, spec.duration);
      if (peak <= 0) problems.error(cli, "--users", "the load curve is zero throughout; nothing to scale");
      else scale_curve(spec.load.curve, n.value() / peak);
    }
  }
  // What the options changed is checked like the file was (a fault after a shortened run's end).
  if (problems.empty()) validate_scenario(spec, problems);
  problems.throw_if_any();
  for (const Diagnostic& w : problems.warnings()) std::cerr << w.str() << '\n';
  // Only a run forced to per-request fidelity can run away: auto turns a load beyond its budget
  // hybrid, whose work grows with the duration, not with the requests.
  if (parse_fidelity(o.fidelity) == Fidelity::Request) check_run_size(spec, o.force, "--force", !o.users.empty());
  return spec;
}

void apply_slo_option(const std::vector<std::string>& clauses, std::vector<SloCheckSpec>& out, Diagnostics& problems) {
  const SourceLoc cli{"command line", 0, 0};
  for (const auto& text : clauses) {
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto comma = std::min(text.find(',', start), text.size());
      const std::string clause = text.substr(start, comma - start);
      start = comma + 1;
      if (clause.empty()) continue;
      const auto eq = clause.find_first_of("=:<");
      if (eq == std::string::npos) {
        problems.error(cli, "--slo", fmt::format("expected METRIC=LIMIT (e.g. p99=250ms), got '{}'", clause));
        continue;
      }
      const std::string metric = clause.substr(0, eq), value = clause.substr(eq + 1);
      SloCheckSpec c{metric, 0, cli};
      const SloMetric* m = find_slo_metric(metric);
      if (m && m->latency) {
        const auto d = parse_duration(value);
        if (!d.ok() || d.value() <= 0) {
          problems.error(cli, "--slo", fmt::format("{}: expected a positive duration such as 250ms, got '{}'", metric, value));
          continue;
        }
        c.limit = to_seconds(d.value()) * 1e3;
      } else if (m) {
        const auto f = parse_fraction(value);
        if (!f.ok() || f.value() < 0 || f.value() > 1) {
          problems.error(cli, "--slo", fmt::format("{}: expected a fraction such as 0.1%, got '{}'", metric, value));
          continue;
        }
        c.limit = f.value();
      } else {
        std::vector<std::string> known;
        for (const SloMetric& k : slo_metrics()) known.emplace_back(k.name);
        problems.error(cli, "--slo", fmt::format("unknown metric '{}'{} (one of {})", metric,
                                                 suggestion_suffix(metric, known), slo_metric_names()));
        continue;
      }
      out.erase(std::remove_if(out.begin(), out.end(), [&](const SloCheckSpec& s) { return s.metric == metric; }),
                out.end());
      out.push_back(c);
    }
  }
}

}  // namespace headroom
