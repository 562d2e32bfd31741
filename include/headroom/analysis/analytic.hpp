#pragma once
/// The analytic model of a scenario (`headroom analyze`): an open queueing network solved in
/// closed form, no simulation. Each component is a station: EC2 pools, RDS instances and cache
/// nodes are M/M/c queues (Erlang C) per instance, fed evenly; CloudFront, S3, DynamoDB, Route 53
/// and load balancers are delays (no queueing at this scale). Visit ratios come from the traffic
/// equations of the classes' paths, with cache and CDN miss probabilities, solved as a linear
/// system. Availability comes from continuous-time Markov chains of failures and repairs.
/// docs/capacity.md states every assumption and where the simulation parts from it.
#include <limits>
#include <string>
#include <vector>

#include "headroom/scenario/spec.hpp"

namespace headroom {

/// One station of the network at the analysed load.
struct StationEstimate {
  std::string component, type;
  std::string model;            ///< "M/M/c", "delay", or "none" (a kind without an analytic model)
  double visits = 0;            ///< visits per request entering the system (visit ratio)
  double arrival_rps = 0;       ///< operations per second into the component, all instances
  int instances = 0;            ///< instances that share the load (an Auto Scaling group: see `note`)
  int servers = 0;              ///< c per instance (vCPUs; one thread per Redis node)
  double service_ms = 0;        ///< mean demand per operation
  double utilization = 0;       ///< ρ = λS/(c·instances), of the busiest instance
  double wait_probability = 0;  ///< Erlang C
  double latency_ms = 0;        ///< mean time at the station per visit (wait + service), ms
  /// Users (peak of the load curve) at which this station reaches ρ = 1; infinity for delays.
  double saturation_users = std::numeric_limits<double>::infinity();
  /// Users at which its worker (thread or connection) pool fills on average (L = λ·T_hold);
  /// infinity where it has none.
  double workers_saturation_users = std::numeric_limits<double>::infinity();
  /// An EC2 pool whose type gives its bandwidth (sources.md §1c): the baseline (Gbit/s), the
  /// share of it its busiest instance's answers use at the analysed load, and the users at which
  /// that reaches 1 (infinity without a NIC). `saturation_users` is the lower of the CPU's and this.
  double network_gbps = 0;
  double network_utilization = 0;
  double network_saturation_users = std::numeric_limits<double>::infinity();
  /// A database with `io:` (docs/storage.md): its busiest volume's I/Os per second, their share
  /// of what it provisions, and the users at which that reaches 1 (infinity without `io:`).
  /// `saturation_users` is the lower of this and the others.
  double storage_iops = 0;
  double storage_utilization = 0;
  double storage_saturation_users = std::numeric_limits<double>::infinity();
  std::string note;
};

/// Steady-state availability of one component's design from a CTMC of failures and repairs.
struct AvailabilityEstimate {
  std::string component, design;  ///< e.g. "RDS Multi-AZ (failover 90 s)"
  double availability = 1;
  double downtime_min_per_month = 0;  ///< (1 − A) × 730 h
};

struct AnalyticReport {
  double users = 0;             ///< peak of the load curve analysed (0 for `load.rate`)
  double arrival_rps = 0;       ///< requests per second entering the system
  std::vector<StationEstimate> stations;   ///< in scenario order
  std::vector<std::pair<std::string, double>> class_latency_ms;  ///< mean end-to-end, per class
  double mean_latency_ms = 0;   ///< mean end-to-end over all classes (network and RTT included)
  std::string bottleneck;       ///< the station that saturates first
  std::string bottleneck_reason;  ///< "CPU", "workers"/"connections", "network", "connection pool" …
  double saturation_users = std::numeric_limits<double>::infinity();  ///< where it does
  double saturation_rps = std::numeric_limits<double>::infinity();
  std::vector<AvailabilityEstimate> availability;
  double availability_total = 1;  ///< product over the components every request crosses
  std::vector<std::string> notes;  ///< approximations made, kinds skipped
};

/// Analyses `spec` at the peak of its load curve (or its rate), or at `users` when > 0.
/// Auto Scaling groups are sized as target tracking would settle them, within [min, max];
/// their saturation is computed at `max`.
AnalyticReport analyze(const ScenarioSpec& spec, double users = 0);

/// The peak of the scenario's load: users (or requests/s for `load.rate`) at the curve's peak.
double load_peak(const ScenarioSpec& spec);

}  // namespace headroom
