// Expectations against measured figures, and a report's figures by key.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "headroom/report/writers.hpp"
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
  if (value) parts.push_back(tolerance_text.empty() ? fmt::format("= {:.6g}", *value)
                                                    : fmt::format("{:.6g} ± {}", *value, tolerance_text));
  if (min) parts.push_back(fmt::format(">= {:.6g}", *min));
  if (max) parts.push_back(fmt::format("<= {:.6g}", *max));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::map<std::string, double> report_figures(const Report& report) {
  std::map<std::string, double> out;
  const nlohmann::json flat = nlohmann::json::parse(to_json(report)).flatten();
  for (const auto& [pointer, v] : flat.items()) {
    if (!v.is_number() && !v.is_boolean()) continue;
    std::string key = pointer.substr(1);
    for (auto& ch : key)
      if (ch == '/') ch = '.';
    out[key] = v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>();
  }
  return out;
}

}  // namespace headroom
