// Expectations against measured figures.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "headroom/core/units.hpp"
#include "headroom/study/baselines.hpp"

namespace headroom {

bool Expectation::holds(double actual) const {
  if (!std::isfinite(actual)) return false;
  if (min && actual < *min) return false;
  if (max && actual > *max) return false;
  if (value) {
    const double slack = relative ? tolerance * std::fabs(*value) : tolerance;
    // A relative error of 1e-9 is rounding, not a regression.
    if (std::fabs(actual - *value) > slack + 1e-9 * std::max(1.0, std::fabs(*value))) return false;
  }
  return true;
}

std::string Expectation::describe() const {
  std::vector<std::string> parts;
  // Written in full (plain_number): "1.52e+07 ± 3%" read badly in a pull-request comment.
  if (value) parts.push_back(tolerance_text.empty() ? "= " + plain_number(*value) : plain_number(*value) + " ± " + tolerance_text);
  if (min) parts.push_back(">= " + plain_number(*min));
  if (max) parts.push_back("<= " + plain_number(*max));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

const double* expected_figure(const std::map<std::string, double>& figures, const Expectation& e,
                              Diagnostics& problems) {
  const auto it = figures.find(e.key);
  if (it != figures.end()) return &it->second;
  std::vector<std::string> keys;
  for (const auto& [k, v] : figures) keys.push_back(k);
  std::string hint = suggestion_suffix(e.key, keys);
  // Nothing spelt alike: name what the longest known part of the key holds (`latency_ms.…`).
  for (auto dot = e.key.rfind('.'); hint.empty() && dot != std::string::npos && dot > 0;
       dot = e.key.rfind('.', dot - 1)) {
    const std::string parent = e.key.substr(0, dot + 1);
    std::vector<std::string> children;
    for (auto k = figures.lower_bound(parent); k != figures.end() && k->first.rfind(parent, 0) == 0; ++k) {
      const std::string rest = k->first.substr(parent.size());
      const auto next = rest.find('.');
      const std::string child = next == std::string::npos ? rest : rest.substr(0, next) + ".…";
      if (children.empty() || children.back() != child) children.push_back(child);
    }
    if (!children.empty()) hint = fmt::format("; {} holds {}", e.key.substr(0, dot), fmt::join(children, ", "));
  }
  problems.error(e.loc, e.key, fmt::format("no such report key{}", hint));
  return nullptr;
}

}  // namespace headroom
