// `headroom compare A.yaml B.yaml` (spec.md §1): the same load and seeds on both, paired differences
// B − A with 95% intervals, a verdict per figure. Exit codes as spec.md §9: 1 when B is
// significantly and materially worse on a gated figure (the rows its JUnit file fails), 0
// otherwise, 2 on bad input; --no-fail keeps 0 (docs/statistics.md).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/pr_output.hpp"
#include "cli/replication_options.hpp"
#include "cli/scenario_options.hpp"
#include "headroom/core/files.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/study/capacity.hpp"
#include "headroom/study/compare.hpp"
#include "report/interval_format.hpp"

namespace po = boost::program_options;

namespace headroom {
namespace {

std::vector<CompareRow> pr_rows(const Comparison& c, const std::string& classname) {
  std::vector<CompareRow> rows;
  for (const auto& f : c.figures) {
    const double s = f.unit == FigureUnit::Fraction ? 100 : 1;
    const char* u = f.unit == FigureUnit::Fraction ? "%" : "";
    CompareRow r;
    r.check.scenario = classname;
    r.check.key = f.label;
    r.check.expected = f.judged ? "B not significantly worse than A" : "reported, not judged";
    r.check.baseline = f.a.mean;
    r.check.actual = f.b.mean;
    r.check.pass = !(f.judged && f.verdict == Verdict::Worse);
    r.a = plus_minus(f.a, s, u);
    r.b = plus_minus(f.b, s, u);
    r.delta = fmt::format("{}{} {}", interval_number(f.difference.mean * s, f.difference.half_width * s, true), u,
                          bracket(f.difference, s, true));
    r.check.note = "Δ " + r.delta;
    r.verdict = verdict_name(f.verdict);
    r.judged = f.judged;
    rows.push_back(r);
  }
  return rows;
}

/// The capacity of both sides (one search each, the same seed): a row of its own, judged — a
/// change that lowers the users a topology holds within its SLO by more than the search's 2%
/// precision fails.
CompareRow capacity_row(const ScenarioSpec& a, const ScenarioSpec& b, std::uint64_t seed, int threads,
                        const RunOptions& run) {
  // The two searches side by side on one pool; each one's probes depend only on its scenario.
  SimulationPool pool(threads);
  CapacityOptions o;
  o.pool = &pool;
  o.run = run;
  std::vector<ScenarioSpec> sides = {a, b};
  for (auto& s : sides) s.seed = seed;
  std::vector<CapacityResult> found(2);
  pool.for_each_study(2, [&](std::size_t i) { found[i] = find_capacity(sides[i], o); });
  const CapacityResult &ca = found[0], &cb = found[1];
  const char* unit = ca.by_rate ? "requests/s" : "users";
  CompareRow r;
  r.check.scenario = "compare";
  r.check.key = fmt::format("capacity ({})", unit);
  r.check.expected = "B not materially lower than A";
  r.check.baseline = ca.users;
  r.check.actual = cb.users;
  const double change = ca.users > 0 ? cb.users / ca.users - 1 : 0;
  r.a = fmt::format("{:.0f}{}", ca.users, ca.unbounded ? "+" : "");
  r.b = fmt::format("{:.0f}{}", cb.users, cb.unbounded ? "+" : "");
  r.delta = fmt::format("{:+.0f} ({:+.1f}%)", cb.users - ca.users, change * 100);
  r.check.note = fmt::format("Δ {}; bottlenecks {} / {}", r.delta, ca.bottleneck.str(), cb.bottleneck.str());
  // The search stops within 2%: a smaller move is within its precision.
  r.verdict = change > 0.02 ? "better" : change < -0.02 ? "worse" : "no material difference";
  r.check.pass = r.verdict != "worse";
  r.judged = true;
  return r;
}

/// The closing line: what the exit code says, and what it does not judge.
std::string compare_outcome(const std::vector<std::string>& worse, const std::vector<std::string>& reported,
                            bool capacity, bool no_fail) {
  std::string out;
  if (worse.empty())
    out = "\n  B is not significantly and materially worse than A on any gated figure: exit 0\n";
  else
    out = fmt::format("\n  B is worse than A on {} gated figure{} ({}): exit {}\n", worse.size(),
                      worse.size() == 1 ? "" : "s", fmt::join(worse, ", "), no_fail ? "0 (--no-fail)" : "1");
  if (!reported.empty())
    out += fmt::format("  worse but not gated: {}{}\n", fmt::join(reported, ", "),
                       capacity ? "" : " (--capacity gates the users each side holds within its SLO)");
  return out;
}

/// Ctrl-C: the seeds whose two runs ended, compared (when there are any), marked partial; no
/// verdict, since fewer seeds than asked judge nothing the user asked to judge.
int compare_interrupted(const Comparison& c, const StopOnSignal& signals, const std::string& json,
                        const std::string& markdown, const std::string& junit, const std::vector<std::string>& files) {
  const std::string line = fmt::format("interrupted: {} of {} seeds compared on both sides; the rest not run; no verdict\n",
                                       c.seeds.size(), c.seeds_asked);
  if (!json.empty()) {
    nlohmann::json doc = c.seeds.empty() ? nlohmann::json{{"schema", "headroom.compare/1"}, {"figures", nlohmann::json::array()}}
                                         : nlohmann::json::parse(comparison_json(c, files[0], files[1]));
    mark_interrupted(doc, signals.signal_name());
    doc["seeds_compared"] = c.seeds.size();
    doc["seeds_asked"] = c.seeds_asked;
    if (json == "-") std::cout << doc.dump(2) << "\n";
    else write_file_atomic(json, doc.dump(2) + "\n");
  }
  if (!markdown.empty()) write_file_atomic(markdown, "### headroom compare: partial\n\n**" + line + "**");
  if (!junit.empty()) {
    CheckRow row;
    row.scenario = fmt::format("compare {} {}", files[0], files[1]);
    row.key = "compare";
    row.note = "not run: interrupted by " + signals.signal_name();
    write_file_atomic(junit, check_junit(row.scenario, {}, 0, {row}));
  }
  if (json != "-") {
    if (!c.seeds.empty()) std::cout << comparison_terminal(c, files[0], files[1]);
    std::cout << line;
  }
  std::cerr << signals.notice();
  return signals.status();
}

}  // namespace

int cmd_compare(const std::vector<std::string>& args) {
  std::vector<std::string> files, sets_b;
  std::string json, markdown, junit, replications_text = "5";
  ScenarioOptions so;
  bool quiet = false, capacity = false, no_fail = false;
  int threads = 2;
  po::options_description opts("compare");
  add_scenario_options(opts, so);
  add_fidelity_option(opts, so.fidelity);
  std::vector<std::string> zoom;
  add_zoom_option(opts, zoom);
  opts.add_options()("files", po::value(&files)->composing()->required()->value_name("A B"),
                     "scenario files A and B")(
      "set-b", po::value(&sets_b)->composing()->value_name("PATH=VALUE"),
      "override a key of B only, after the --set ones (repeatable)")(
      "replications", po::value(&replications_text)->value_name("N"),
      fmt::format("seeds seed ... seed+N-1 on both sides, 2 or more (default: {})", replications_text).c_str())(
      "threads", po::value(&threads)->value_name("N"), fmt::format("simulations at once (default: {})", threads).c_str())(
      "capacity", po::bool_switch(&capacity), "also search each side's capacity (a lower one fails in JUnit)")(
      "json", po::value(&json)->value_name("FILE"), "write the comparison as JSON to FILE (- for standard output)")(
      "markdown", po::value(&markdown)->value_name("FILE"), "write a pull-request comment to FILE")(
      "junit", po::value(&junit)->value_name("FILE"),
      "write JUnit XML to FILE, one test case per figure; a significantly worse one fails")(
      "no-fail", po::bool_switch(&no_fail), "exit 0 even when B is worse on a gated figure")(
      "quiet,q", po::bool_switch(&quiet), "no terminal table");
  if (!parse_command_line("compare", args, opts, "files", -1)) return 0;
  if (files.size() != 2)
    throw UsageError("compare", fmt::format("expected two scenario files, A and B, got {}", files.size()));
  const int n = parse_replications(replications_text, 2);
  check_threads(threads);

  // Both files are read before anything runs, and every problem in either is reported.
  ScenarioOptions so_b = so;
  so_b.sets.insert(so_b.sets.end(), sets_b.begin(), sets_b.end());
  std::vector<ScenarioSpec> specs;
  std::vector<Diagnostic> problems;
  for (std::size_t i = 0; i < 2; ++i) {
    try {
      specs.push_back(load_with_options(files[i], i == 0 ? so : so_b));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.items().begin(), e.items().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);
  check_output_files({{"--json", json}, {"--markdown", markdown}, {"--junit", junit}});

  // Common random numbers: --seed, else A's; B runs under the same seeds whatever its file says.
  const std::uint64_t seed = specs[0].seed;
  const auto t0 = std::chrono::steady_clock::now();
  RunOptions run;
  run.fidelity = parse_fidelity(so.fidelity);
  // The windows must fit both runs.
  run.zoom = parse_zoom(zoom, specs[0]);
  parse_zoom(zoom, specs[1]);
  const StopOnSignal signals(run);
  const Comparison c = compare_scenarios(specs[0], specs[1], seed, n, threads, run);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (c.interrupted) return compare_interrupted(c, signals, json, markdown, junit, files);

  std::string name_b = files[1];
  for (std::size_t i = 0; i < sets_b.size(); ++i) name_b += (i ? ", " : " with ") + sets_b[i];
  if (!json.empty()) {
    if (json == "-") std::cout << comparison_json(c, files[0], files[1], sets_b);
    else write_file_atomic(json, comparison_json(c, files[0], files[1], sets_b));
  }
  std::vector<CompareRow> rows = pr_rows(c, "compare");
  if (capacity) rows.push_back(capacity_row(specs[0], specs[1], seed, threads, run));
  if (!markdown.empty())
    write_file_atomic(markdown, compare_markdown(rows, "headroom compare",
                                                 fmt::format("A: `{}`, B: `{}`; {} seeds ({} … {}) on both, "
                                                             "Δ = B − A paired by seed, with its 95% confidence interval.",
                                                             files[0], name_b, n, c.seeds.front(), c.seeds.back())) +
                                 cost_changes_markdown(c));
  if (!junit.empty()) {
    std::vector<CheckRow> checks;
    for (const auto& r : rows) checks.push_back(r.check);
    write_file_atomic(junit, check_junit(fmt::format("compare {} {}", files[0], files[1]), checks, wall));
  }
  if (!quiet && json != "-") {
    std::cout << comparison_terminal(c, files[0], name_b);
    if (capacity) {
      const CompareRow& r = rows.back();
      std::cout << fmt::format("  {:<22} {:>22} {:>22} {:>26}  {}\n  ({})\n", r.check.key, r.a, r.b, r.delta, r.verdict,
                               r.check.note);
    }
  }
  std::vector<std::string> worse, reported;
  for (const auto& r : rows)
    if (r.judged && !r.check.pass) worse.push_back(r.check.key);
    else if (!r.judged && r.verdict == "worse") reported.push_back(r.check.key);
  if (!quiet && json != "-") std::cout << compare_outcome(worse, reported, capacity, no_fail);
  return worse.empty() || no_fail ? 0 : 1;
}

}  // namespace headroom
