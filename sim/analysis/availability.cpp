// Availability from CTMCs of failures and repairs. The rates are estimates (confidence E, see
// docs/capacity.md) unless the scenario gives `random` faults with its own mtbf and mttr.
#include "analysis/availability.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace headroom {
namespace {

// An EC2 instance or an RDS host fails about once a year (AWS publishes no figure; E).
constexpr double kInstanceMtbfH = 8760;
// A replaced instance behind a balancer: launch, boot and pass health checks (E).
constexpr double kReplaceH = 10.0 / 60;
// A stand-alone box restored by a person: an hour (E).
constexpr double kManualRestoreH = 1;
// An Availability Zone is lost about once a year for about an hour (E).
constexpr double kAzMtbfH = 8760, kAzMttrH = 1;
constexpr double kMonthH = 730;

/// Two states, up and down: μ/(λ+μ).
double two_state(double mtbf_h, double mttr_h) { return mtbf_h / (mtbf_h + mttr_h); }

/// n independent instances, each failing at rate λ and replaced at rate μ (one repair each):
/// the birth-death chain on the number alive; up while at least one is.
double k_of_n(int n, double lambda, double mu) {
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(n + 1, n + 1);
  for (int alive = 0; alive <= n; ++alive) {
    if (alive > 0) q(alive, alive - 1) = alive * lambda;
    if (alive < n) q(alive, alive + 1) = (n - alive) * mu;
    q(alive, alive) = -q.row(alive).sum();
  }
  return 1 - ctmc_stationary(q)(0);
}

/// RDS Multi-AZ: 0 primary and standby up; 1 failing over (down); 2 one instance, the standby
/// being rebuilt; 3 both down (restored as Single-AZ would be).
double multi_az(double lambda, double failover_h, double rebuild_h, double restore_h) {
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(4, 4);
  q(0, 1) = lambda;          // the primary fails
  q(0, 2) = lambda;          // the standby fails: no outage
  q(1, 2) = 1 / failover_h;  // the standby is promoted
  q(2, 0) = 1 / rebuild_h;   // a new standby is in sync
  q(2, 3) = lambda;          // the survivor fails too
  q(3, 2) = 1 / restore_h;
  for (int i = 0; i < 4; ++i) q(i, i) = -q.row(i).sum();
  const Eigen::VectorXd pi = ctmc_stationary(q);
  return pi(0) + pi(2);
}

int az_count(const Model& m, const Component& c) {
  std::vector<std::uint16_t> azs;
  for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
    if (m.instances[i].az != kNoAz && std::find(azs.begin(), azs.end(), m.instances[i].az) == azs.end())
      azs.push_back(m.instances[i].az);
  return static_cast<int>(azs.size());
}

}  // namespace

Eigen::VectorXd ctmc_stationary(const Eigen::MatrixXd& q) {
  // Qᵀπ = 0 with one balance equation replaced by the normalisation.
  const auto n = q.rows();
  Eigen::MatrixXd a = q.transpose();
  a.row(n - 1).setOnes();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
  b(n - 1) = 1;
  return a.fullPivLu().solve(b);
}

void estimate_availability(const ScenarioSpec& spec, const Model& m, AnalyticReport& r) {
  std::vector<bool> behind_lb(m.components.size(), false), used(m.components.size(), false);
  for (const auto& c : m.components)
    if (c.kind == HopKind::Lb) behind_lb[c.lb_target] = true;
  for (const auto& tc : m.classes)
    for (const auto& h : tc.hops) used[h.component] = true;
  double total = 1;
  for (std::size_t ci = 0; ci < m.components.size(); ++ci) {
    const Component& c = m.components[ci];
    if (!used[ci]) continue;
    double mtbf = kInstanceMtbfH, mttr = -1;
    for (const auto& f : spec.faults)
      if (f.kind == FaultSpec::Kind::Random && f.target == c.name) {
        mtbf = to_seconds(f.mtbf) / 3600;
        mttr = to_seconds(f.mttr) / 3600;
      }
    AvailabilityEstimate a;
    a.component = c.name;
    const bool hosted = c.count > 0 && m.instances[c.first].guest;
    if (c.kind == HopKind::Pool) {
      const int n = c.scaling.enabled ? std::max(1, c.scaling.min) : static_cast<int>(c.count);
      const bool replaced = behind_lb[ci] || c.scaling.enabled;
      const double repair = mttr > 0 ? mttr : (replaced ? kReplaceH : kManualRestoreH);
      a.availability = replaced ? k_of_n(n, 1 / mtbf, 1 / repair) : two_state(mtbf, repair);
      a.design = replaced ? fmt::format("{} instances, any one serves (replaced in {:.0f} min)", n, repair * 60)
                          : fmt::format("{} instance(s), restored by hand ({:.0f} min)", n, repair * 60);
    } else if (c.kind == HopKind::Db && !hosted) {
      const double failover = c.failover_time.mean_ns() / 3.6e12, recover = c.recovery_time.mean_ns() / 3.6e12;
      if (c.multi_az) {
        a.availability = multi_az(1 / mtbf, failover, kReplaceH * 3, recover);
        a.design = fmt::format("RDS Multi-AZ (failover {:.0f} s)", failover * 3600);
      } else {
        a.availability = two_state(mtbf, mttr > 0 ? mttr : recover);
        a.design = fmt::format("RDS Single-AZ (replaced in {:.0f} min)", (mttr > 0 ? mttr : recover) * 60);
      }
    } else {
      continue;  // caches degrade to their origin; managed regional services: their SLAs, not modelled
    }
    // A component in one AZ also goes down with it.
    if (az_count(m, c) <= 1 && !(c.kind == HopKind::Db && c.multi_az)) {
      a.availability *= two_state(kAzMtbfH, kAzMttrH);
      a.design += ", one AZ";
    }
    a.downtime_min_per_month = (1 - a.availability) * kMonthH * 60;
    total *= a.availability;
    r.availability.push_back(a);
  }
  r.availability_total = total;
  r.notes.push_back("availability: instance MTBF 1 year, AZ outage 1 a year for 1 h (estimates); managed regional "
                    "services and caches (which fall back to their origin) not counted");
}

}  // namespace headroom
