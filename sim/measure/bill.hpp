#pragma once
// A bill: line items per service and per component in integer micro-dollars, so that sums are
// exact whatever the order the lines are added in.
#include <map>
#include <string>

#include "headroom/core/assert.hpp"
#include "headroom/core/money.hpp"

namespace headroom {

class Bill {
 public:
  /// Opens a service line at $0, so that the report lists it even when nothing is billed to it.
  void open_service(const std::string& service) { by_service_.try_emplace(service); }
  void open_component(const std::string& component) { by_component_.try_emplace(component); }
  /// Adds `usd` (rounded once to a micro-dollar) to `service` and `component`; the service must
  /// have been opened.
  void add(const std::string& service, const std::string& component, double usd) {
    HEADROOM_ASSERT(by_service_.count(service) == 1, "cost: unknown service " + service);
    const Money m = Money::from_usd(usd);
    by_service_[service] += m;
    by_component_[component] += m;
    total_ += m;
  }
  const std::map<std::string, Money>& by_service() const { return by_service_; }
  const std::map<std::string, Money>& by_component() const { return by_component_; }
  Money total() const { return total_; }
  /// What Spot saved against the same hours on-demand (not a line of the bill).
  void add_spot_savings(double usd) { spot_savings_usd_ += usd; }
  double spot_savings_usd() const { return spot_savings_usd_; }

 private:
  std::map<std::string, Money> by_service_, by_component_;
  Money total_;
  double spot_savings_usd_ = 0;
};

}  // namespace headroom
