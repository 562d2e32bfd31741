// A comparison rendered: the terminal table and the JSON document of `headroom compare`.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "headroom/core/printable.hpp"
#include "headroom/study/compare.hpp"
#include "report/interval_format.hpp"

namespace headroom {
namespace {

double scale_of(const ComparedFigure& f) { return f.unit == FigureUnit::Fraction ? 100 : 1; }
const char* unit_of(const ComparedFigure& f) { return f.unit == FigureUnit::Fraction ? "%" : ""; }

}  // namespace

std::string comparison_terminal(const Comparison& c, const std::string& name_a, const std::string& name_b) {
  const std::size_t n = c.seeds.size();
  std::string out = fmt::format("headroom compare\n  A: {}\n  B: {}\n", name_a, name_b);
  out += fmt::format("  {} replications each, the same seeds on both ({} … {}: common random numbers)\n", n,
                     c.seeds.front(), c.seeds.back());
  out += fmt::format("  Δ = B − A paired by seed: its mean and 95% confidence interval (Student t, {} df)\n\n", n - 1);
  out += fmt::format("  {:<26} {:>22} {:>22} {:>34}  {}\n", "figure", "A", "B", "Δ (95% CI)", "verdict");
  for (const auto& f : c.figures) {
    const double s = scale_of(f);
    const char* u = unit_of(f);
    const std::string delta = fmt::format("{}{} {}", interval_number(f.difference.mean * s, f.difference.half_width * s, true),
                                          u, bracket(f.difference, s, true));
    out += fmt::format("  {:<26} {:>22} {:>22} {:>34}  {}\n", f.label, plus_minus(f.a, s, u), plus_minus(f.b, s, u),
                       delta, verdict_name(f.verdict));
  }
  return terminal_safe(out);  // names and paths are shown, never obeyed
}

std::string comparison_json(const Comparison& c, const std::string& file_a, const std::string& file_b,
                            const std::vector<std::string>& set_b) {
  nlohmann::ordered_json figures = nlohmann::ordered_json::array();
  for (const auto& f : c.figures)
    figures.push_back({{"key", f.key},
                       {"label", f.label},
                       {"lower_is_better", f.lower_is_better},
                       {"judged", f.judged},
                       {"a", interval_json(f.a)},
                       {"b", interval_json(f.b)},
                       {"difference", interval_json(f.difference)},
                       {"verdict", verdict_name(f.verdict)}});
  const auto side = [](const Replications& r, const std::string& file) {
    return nlohmann::ordered_json{{"file", file}, {"name", r.reports.front().scenario.name}, {"slo_met", r.slo_met}};
  };
  nlohmann::ordered_json j = {{"schema", "headroom.compare/1"},
                              {"version", c.a.reports.front().version},
                              {"a", side(c.a, file_a)},
                              {"b", side(c.b, file_b)},
                              {"replications", c.seeds.size()},
                              {"seeds", c.seeds},
                              {"confidence", 0.95},
                              {"difference", "B - A, paired by seed"},
                              {"figures", figures}};
  if (!set_b.empty()) j["b"]["set"] = set_b;
  return j.dump(2) + "\n";
}

}  // namespace headroom
