// The analytic model: traffic equations over the compiled paths, one M/M/c queue per CPU, delays
// for the managed services, mean latency by walking each path backwards. See docs/capacity.md.
#include "headroom/analysis/analytic.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "analysis/availability.hpp"
#include "headroom/analysis/queueing.hpp"
#include "headroom/core/units.hpp"
#include "headroom/workload/curve.hpp"
#include "components/build_model.hpp"
#include "components/kind.hpp"

namespace headroom {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Load offered to one CPU: arrival rate and demand-weighted mean service time.
struct CpuLoad {
  double lambda = 0, demand_s = 0;  // Σλ, ΣλS
  int cores = 0;
  // A burstable instance sustains its baseline share of each vCPU (sources.md §1b): below it
  // the credits never run out; above it they do, and its services are stretched by 1 / baseline.
  double baseline = 1, speed = 1;
  double mean_s() const { return lambda > 0 ? demand_s / lambda / speed : 0; }
  double rho() const { return cores > 0 ? demand_s / speed / cores : 0; }
  /// Utilisation of what it sustains: where this reaches 1, it saturates.
  double sustained_rho() const { return cores > 0 ? demand_s / baseline / cores : 0; }
  void settle_speed() { speed = demand_s > baseline * cores ? baseline : 1; }
  double wait_s() const {  // mean queueing delay before a core (Erlang C)
    if (lambda <= 0 || cores <= 0) return 0;
    const double s = mean_s();
    return mmc_mean_response(cores, lambda, 1 / s) - s;
  }
};

/// The answers offered to one instance's NIC (topology/nic.hpp): a FCFS transmission station,
/// M/G/1. Below its baseline its bucket stays full and it sends at its burst rates; above, the
/// bucket runs dry within minutes and it sends at its sustained rates (sources.md §1c). Each
/// answer's transmission at either is its hop's (the internet's share applied there).
struct NicLoad {
  NicOffer o;                      // per instance
  double baseline = 0, burst = 0;  // bits/s
  bool throttled() const { return o.bits > baseline; }
  double rho() const { return throttled() ? o.t : o.t_fast; }
  double sustained_rho() const { return o.t; }
  /// Pollaczek–Khinchine: W = λE[S²] / (2(1 − ρ)).
  double wait_s() const {
    const double rho_now = rho();
    if (o.answers <= 0) return 0;
    if (rho_now >= 1) return kInf;
    return (throttled() ? o.t2 : o.t2_fast) / (2 * (1 - rho_now));
  }
  /// The sustained bandwidth its answers get, bits/s: the baseline, or less where the internet's
  /// share caps them.
  double sustained_bps() const { return o.t > 0 ? o.bits / o.t : baseline; }
};

/// How a database's load spreads over its copies: the share of the reads its primary serves, and
/// what each read replica replays of the primary's writes (per request entering).
struct DbSplit {
  double on_primary = 1, replay_s = 0, replayed = 0;
};
DbSplit db_split(const Component& c, double writes, double lambda0) {
  DbSplit d;
  const auto replicas = c.count - 1;
  d.on_primary = c.reads_from == ReadsFrom::Primary || replicas == 0 ? 1.0 : c.reads_from == ReadsFrom::All ? 1.0 / c.count : 0.0;
  // Each read replica also replays the writes the primary commits (runtime/replication.cpp):
  // work that competes with the reads it serves, on one applier thread, so at most one core of
  // it — writes beyond 1/apply per second are not CPU load but growing replica lag (stale
  // reads), which the run reports.
  d.replay_s = c.apply.mean_ns() * 1e-9;
  d.replayed = d.replay_s > 0 ? std::min(writes, 1 / (d.replay_s * lambda0)) : writes;
  return d;
}

/// Each database instance's volume (topology/volume.hpp) when its I/O is modelled, indexed by
/// instance: the primary's writes and reads, each replica's reads and replays (a replay costs a
/// write's I/Os).
std::vector<StorageLoad> storage_loads(const Model& m, const std::vector<double>& reads,
                                       const std::vector<double>& writes, double lambda0) {
  std::vector<StorageLoad> v(m.instances.size());
  for (std::size_t ci = 0; ci < m.components.size(); ++ci) {
    const Component& c = m.components[ci];
    if (c.kind != HopKind::Db || !c.io.on || c.count == 0) continue;
    const DbSplit d = db_split(c, writes[ci], lambda0);
    for (std::uint32_t j = c.first; j < c.first + c.count; ++j) {
      v[j].s = c.io.ns_per_io * 1e-9;
      v[j].latency = c.io.latency;
    }
    v[c.first].add(lambda0 * writes[ci], c.io.write);
    v[c.first].add(lambda0 * reads[ci] * d.on_primary, c.io.read);
    const auto replicas = c.count - 1;
    for (std::uint32_t j = 1; j <= replicas; ++j) {
      v[c.first + j].add(lambda0 * reads[ci] * (1 - d.on_primary) / replicas, c.io.read);
      v[c.first + j].add(lambda0 * d.replayed, c.io.write);
    }
  }
  return v;
}

/// The share of a station's visits that send an answer through its NIC: a cache's hits only (a
/// miss goes on down the path and sends nothing back), every other station's all.
double answered_share(const Component& c) { return c.kind == HopKind::Cache ? c.hit_ratio : 1.0; }

bool is_queue(HopKind k) { return k == HopKind::Pool || k == HopKind::Db || k == HopKind::Cache; }
/// Stations that only delay (no queue at this scale); the serverless ones have limits instead,
/// checked in serverless_limit().
bool is_delay(HopKind k) {
  return k == HopKind::Edge || k == HopKind::Store || k == HopKind::Dns || k == HopKind::Lb ||
         k == HopKind::Gateway || k == HopKind::Function || k == HopKind::Stream || k == HopKind::Table ||
         k == HopKind::Firehose;
}

/// Instances an Auto Scaling group settles at for `demand_s` core-seconds/s, or its fixed count.
int fleet_size(const Component& c, const CpuLoad& per_fleet, int cores, bool at_max) {
  if (!c.scaling.enabled) return static_cast<int>(c.count);
  if (at_max) return c.scaling.max;
  if (c.scaling.target <= 0) return c.scaling.initial;
  const int need = static_cast<int>(std::ceil(per_fleet.demand_s / (cores * c.scaling.target) - 1e-9));
  return std::clamp(need, c.scaling.min, c.scaling.max);
}

struct Network {
  const Model& m;
  double lambda0;
  std::vector<std::size_t> offset;   // first node of each class
  Eigen::VectorXd visits;            // per (class, hop) node, per request entering
};

Network solve_traffic(const Model& m, double lambda0) {
  Network n{m, lambda0, {}, {}};
  std::size_t total = 0;
  for (const auto& tc : m.classes) {
    n.offset.push_back(total);
    total += tc.hops.size();
  }
  // x = γ + Pᵀx: every hop passes on to the next with probability 1, or its miss ratio.
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(total));
  Eigen::VectorXd gamma = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(total));
  for (std::size_t k = 0; k < m.classes.size(); ++k) {
    const auto& hops = m.classes[k].hops;
    const auto base = static_cast<Eigen::Index>(n.offset[k]);
    gamma(base) = m.classes[k].share;
    for (std::size_t i = 0; i + 1 < hops.size(); ++i) {
      const Component& c = m.components[hops[i].component];
      const double go_on = hops[i].kind == HopKind::Cache || hops[i].kind == HopKind::Edge ? 1 - c.hit_ratio : 1.0;
      a(base + static_cast<Eigen::Index>(i) + 1, base + static_cast<Eigen::Index>(i)) -= go_on;
    }
  }
  n.visits = a.partialPivLu().solve(gamma);
  return n;
}

/// A database's volumes at the analysed load: the busiest's utilisation (I/O rate × service per
/// I/O: IOPS used ÷ provisioned, or the throughput's share), the users where it reaches 1 (the
/// rate grows with the load, whatever the fleets), and its I/O time in the station's latency.
void storage_station(const ScenarioSpec& spec, const Model& m, const std::vector<StorageLoad>& storage,
                     std::size_t ci, double reads, double writes, double peak, double lambda0, StationEstimate& s,
                     AnalyticReport& r) {
  const Component& c = m.components[ci];
  double rho = 0, ios = 0;
  for (std::uint32_t j = c.first; j < c.first + c.count; ++j)
    if (storage[j].rho() >= rho) {
      rho = storage[j].rho();
      ios = storage[j].ios;
    }
  s.storage_iops = ios;
  s.storage_utilization = rho;
  if (rho > 0) {
    s.storage_saturation_users = (spec.load.by_rate ? lambda0 : peak) / rho;
    s.saturation_users = std::min(s.saturation_users, s.storage_saturation_users);
  }
  // A visit's time on the primary's volume (a replica's reads wait on theirs, alike or less).
  const StorageLoad& p = storage[c.first];
  if (reads + writes > 0)
    s.latency_ms += (reads * p.time_s(c.io.read) + writes * p.time_s(c.io.write)) / (reads + writes) * 1e3;
  r.notes.push_back(fmt::format(
      "{}: storage {:.0f} IOPS provisioned{}, {:.0f} I/Os/s at this load on its busiest volume ({:.0f}% busy, "
      "M/G/1, {:g} ms device latency per query); sustained to {} users",
      c.name, c.io.iops, c.io.throughput_binds() ? fmt::format(" (its {:g} MiB/s binds first)", c.io.bytes_per_s / kMiB) : "",
      ios, rho * 100, to_seconds(c.io.latency) * 1e3,
      std::isfinite(s.storage_saturation_users) ? fmt::format("{:.0f}", s.storage_saturation_users) : "—"));
}

/// The wall's name when a database's storage binds: its IOPS, or its throughput for large I/Os.
std::string storage_reason(const Component& c) {
  return c.io.throughput_binds() ? fmt::format("storage throughput {:g} MiB/s", c.io.bytes_per_s / kMiB)
                                                          : fmt::format("storage IOPS {:.0f}", c.io.iops);
}

double az_delay(const Model& m, const Component& callee) {
  std::vector<std::uint16_t> azs;
  for (std::uint32_t i = callee.first; i < callee.first + callee.count; ++i)
    if (m.instances[i].az != kNoAz && std::find(azs.begin(), azs.end(), m.instances[i].az) == azs.end())
      azs.push_back(m.instances[i].az);
  if (azs.empty()) return 0;
  // Evenly spread callers and callees: the same AZ one time in |azs|.
  const double z = static_cast<double>(azs.size());
  return (to_seconds(m.same_az) + (z - 1) * to_seconds(m.cross_az)) / z;
}

}  // namespace

double load_peak(const ScenarioSpec& spec) { return curve_peak(spec.load.curve, spec.duration); }

AnalyticReport analyze(const ScenarioSpec& spec, double users) {
  AnalyticReport r;
  const double peak = users > 0 ? users : load_peak(spec);
  const double lambda0 = spec.load.by_rate ? peak : peak / to_seconds(spec.load.think_time);
  r.users = spec.load.by_rate ? 0 : peak;
  r.arrival_rps = lambda0;
  const Model m = build_model(spec, spec.seed);
  const Network net = solve_traffic(m, lambda0);
  const std::size_t nc = m.components.size();

  // Operations per second and core-seconds per second offered to each component, by operation.
  std::vector<double> visits(nc, 0), reads(nc, 0), writes(nc, 0), demand(nc, 0), read_demand(nc, 0),
      write_demand(nc, 0), record_bytes(nc, 0);
  // Per visit entering: the answers an EC2 pool sends through its NICs.
  std::vector<NicOffer> nic_offer(nc);
  for (std::size_t k = 0; k < m.classes.size(); ++k)
    for (std::size_t i = 0; i < m.classes[k].hops.size(); ++i) {
      const Hop& h = m.classes[k].hops[i];
      const double x = net.visits(static_cast<Eigen::Index>(net.offset[k] + i));
      const double s = h.demand ? h.demand->mean_ns() * 1e-9 : 0;
      visits[h.component] += x;
      demand[h.component] += x * s;
      (h.op == DbOp::Write ? writes : reads)[h.component] += x;
      (h.op == DbOp::Write ? write_demand : read_demand)[h.component] += x * s;
      if (h.nic_ns > 0) nic_offer[h.component].add(h, x * answered_share(m.components[h.component]));
      if (h.kind == HopKind::Stream) {
        const Stream& st = m.streams[static_cast<std::size_t>(m.components[h.component].ext)];
        record_bytes[h.component] += x * st.record_bytes(m.classes[k].bytes);
      }
    }
  // A stream's consumer writes each record to its outputs: those tables see the stream's rate.
  for (const Stream& st : m.streams) {
    if (st.consumer < 0 || !st.data_stream) continue;
    for (const OutputOp& op : m.functions[static_cast<std::size_t>(st.consumer)].outputs)
      if (op.kind == OutputOp::Kind::TableWrite) writes[op.component] += visits[st.component];
  }

  // Each instance's CPU (hosted components load their host's first instance), at the analysed
  // load and with Auto Scaling groups at max (for saturation).
  auto cpu_loads = [&](bool at_max, std::vector<int>& fleet) {
    std::vector<CpuLoad> cpu(m.cpus.size());
    for (std::size_t i = 0; i < m.cpus.size(); ++i) {
      cpu[i].cores = m.cpus[i].cores;
      if (m.cpus[i].credits.on()) cpu[i].baseline = m.cpus[i].credits.baseline;
    }
    fleet.assign(nc, 0);
    for (std::size_t ci = 0; ci < nc; ++ci) {
      const Component& c = m.components[ci];
      if (!is_queue(c.kind) || c.count == 0) continue;
      const int cores = m.cpus[m.instances[c.first].cpu].cores;
      auto load = [&](std::uint32_t inst, double ops, double dem) {
        CpuLoad& l = cpu[m.instances[inst].cpu];
        l.lambda += lambda0 * ops;
        l.demand_s += lambda0 * dem;
      };
      if (c.kind == HopKind::Db) {
        const auto replicas = c.count - 1;
        const DbSplit d = db_split(c, writes[ci], lambda0);
        const double on_primary = d.on_primary, replay_s = d.replay_s, replayed = d.replayed;
        load(c.first, writes[ci] + reads[ci] * on_primary, write_demand[ci] + read_demand[ci] * on_primary);
        for (std::uint32_t j = 1; j <= replicas; ++j)
          load(c.first + j, reads[ci] * (1 - on_primary) / replicas + replayed,
               read_demand[ci] * (1 - on_primary) / replicas + replayed * replay_s);
        fleet[ci] = static_cast<int>(c.count);
        continue;
      }
      CpuLoad whole;
      whole.demand_s = lambda0 * demand[ci];
      const int n = std::max(1, fleet_size(c, whole, cores, at_max));
      fleet[ci] = n;
      for (int j = 0; j < n; ++j)
        load(c.first + static_cast<std::uint32_t>(j), visits[ci] / n, demand[ci] / n);
    }
    for (CpuLoad& l : cpu) l.settle_speed();
    return cpu;
  };
  std::vector<int> fleet, fleet_max;
  const std::vector<CpuLoad> cpu = cpu_loads(false, fleet);
  const std::vector<CpuLoad> cpu_max = cpu_loads(true, fleet_max);
  // Each instance's NIC: a pool's or a cache's answers spread evenly over its instances, a
  // database's reads over those that serve them; a co-located component's answers share its
  // host's NIC, so each of the two sees the sum.
  auto nic_offer_of = [&](std::size_t ci, const std::vector<int>& n) {
    const Component& c = m.components[ci];
    int senders = n[ci];
    if (c.kind == HopKind::Db && c.count > 1)
      senders = c.reads_from == ReadsFrom::Primary ? 1 : c.reads_from == ReadsFrom::All ? static_cast<int>(c.count) : static_cast<int>(c.count) - 1;
    return senders > 0 ? nic_offer[ci].scaled(lambda0 / senders) : NicOffer{};
  };
  auto nic_load = [&](std::size_t ci, const std::vector<int>& n) {
    NicLoad l;
    const Component& c = m.components[ci];
    if (c.nic_bps <= 0 || n[ci] <= 0 || c.count == 0) return l;
    if (c.kind != HopKind::Pool && nic_offer[ci].answers <= 0) return l;  // sends nothing through it (loopback, writes)
    l.baseline = c.nic_bps;
    l.burst = c.nic_burst_bps;
    const std::uint32_t wire = m.instances[c.first].nic;
    for (std::size_t cj = 0; cj < nc; ++cj)
      if (cj == ci || (wire != kNoNic && m.components[cj].count > 0 && m.instances[m.components[cj].first].nic == wire))
        l.o.add(nic_offer_of(cj, n));
    return l;
  };
  std::vector<NicLoad> nic(nc), nic_max(nc);
  for (std::size_t ci = 0; ci < nc; ++ci) {
    nic[ci] = nic_load(ci, fleet);
    nic_max[ci] = nic_load(ci, fleet_max);
  }
  // An answer's time on the NIC: its wait for the wire and its transmission.
  auto nic_s = [&](const Hop& h) {
    if (h.nic_ns <= 0) return 0.0;
    const NicLoad& l = nic[h.component];
    return answered_share(m.components[h.component]) * (l.wait_s() + to_seconds(l.throttled() ? h.nic_ns : h.nic_burst_ns));
  };

  // Each database volume's queries (their rate does not depend on the fleets).
  const std::vector<StorageLoad> storage = storage_loads(m, reads, writes, lambda0);

  // Per hop: time at the station, and the one-way delay to reach it.
  auto own_s = [&](const Hop& h) -> double {
    const Component& c = m.components[h.component];
    const double s = h.demand ? h.demand->mean_ns() * 1e-9 : 0;
    if (is_delay(h.kind)) return h.kind == HopKind::Lb ? 0 : s;
    if (!is_queue(h.kind)) return 0;
    std::uint32_t inst = c.first;
    if (h.kind == HopKind::Db && h.op == DbOp::Read && c.count > 1 && c.reads_from == ReadsFrom::Replicas)
      inst = c.first + 1;
    const double commit = h.op == DbOp::Write ? to_seconds(c.commit_delay) : 0;
    const double io = h.kind == HopKind::Db && c.io.on ? storage[inst].time_s(c.io.per(h.op == DbOp::Read)) : 0;
    return cpu[m.instances[inst].cpu].wait_s() + s / cpu[m.instances[inst].cpu].speed + commit + io + nic_s(h);
  };
  auto delay_s = [&](const Hop& h) {
    return h.in_delay >= 0 ? to_seconds(h.in_delay) : az_delay(m, m.components[h.component]);
  };
  // Walk each path backwards: R_i = own_i + P(go on)·(2·d_{i+1} + R_{i+1}); the pool at hop i holds
  // a worker for R_i.
  std::vector<double> workers_busy(nc, 0), environments_busy(nc, 0), connections_busy(nc, 0);
  double mean = 0;
  for (std::size_t k = 0; k < m.classes.size(); ++k) {
    const auto& hops = m.classes[k].hops;
    std::vector<double> rest(hops.size() + 1, 0);
    for (std::size_t i = hops.size(); i-- > 0;) {
      const Component& c = m.components[hops[i].component];
      const double go_on = hops[i].kind == HopKind::Cache || hops[i].kind == HopKind::Edge ? 1 - c.hit_ratio : 1.0;
      const double next = i + 1 < hops.size() ? go_on * (2 * delay_s(hops[i + 1]) + rest[i + 1]) : 0;
      rest[i] = own_s(hops[i]) + next;
      // A pooled connection is held for the database call, the network both ways included.
      if (i + 1 < hops.size() && hops[i + 1].pool_from >= 0)
        connections_busy[hops[static_cast<std::size_t>(hops[i + 1].pool_from)].component] +=
            lambda0 * net.visits(static_cast<Eigen::Index>(net.offset[k] + i + 1)) *
            (2 * delay_s(hops[i + 1]) + rest[i + 1]);
      // A worker is taken before the CPU queue and held through the service and everything
      // downstream: without the CPU wait, so that workers <= cores saturate with the CPU.
      // A Lambda environment is held for the call and everything after it (Little's law).
      if (hops[i].kind == HopKind::Function)
        environments_busy[hops[i].component] += lambda0 * net.visits(static_cast<Eigen::Index>(net.offset[k] + i)) * rest[i];
      if (hops[i].kind == HopKind::Pool || hops[i].kind == HopKind::Db) {
        // (The answer's time on the NIC holds the worker too: the application writes it out.)
        const double cpu_wait = rest[i] - next - (hops[i].demand ? hops[i].demand->mean_ns() * 1e-9 : 0) - nic_s(hops[i]);
        workers_busy[hops[i].component] +=
            lambda0 * net.visits(static_cast<Eigen::Index>(net.offset[k] + i)) * (rest[i] - std::max(0.0, cpu_wait));
      }
    }
    const double latency = 2 * delay_s(hops[0]) + rest[0];
    r.class_latency_ms.emplace_back(m.classes[k].name, latency * 1e3);
    mean += m.classes[k].share * latency;
  }
  r.mean_latency_ms = mean * 1e3;

  std::vector<double> pool_saturation(nc, kInf);
  // Database calls per request entering that borrow from pool component `p`.
  auto visits_to_pool = [&](std::size_t p) {
    double x = 0;
    for (std::size_t k = 0; k < m.classes.size(); ++k)
      for (std::size_t i = 0; i < m.classes[k].hops.size(); ++i)
        if (const Hop& h = m.classes[k].hops[i];
            h.pool_from >= 0 && m.classes[k].hops[static_cast<std::size_t>(h.pool_from)].component == p)
          x += net.visits(static_cast<Eigen::Index>(net.offset[k] + i));
    return x;
  };
  for (std::size_t ci = 0; ci < nc; ++ci) {
    const Component& c = m.components[ci];
    StationEstimate s;
    s.component = c.name;
    s.type = c.type;
    s.visits = visits[ci];
    s.arrival_rps = lambda0 * visits[ci];
    s.service_ms = visits[ci] > 0 ? demand[ci] / visits[ci] * 1e3 : 0;
    if (is_queue(c.kind)) {
      s.model = "M/M/c";
      s.instances = fleet[ci];
      const Instance& first = m.instances[c.first];
      s.servers = m.cpus[first.cpu].cores;
      // The busiest of its instances' CPUs (a hosted component reports its host's).
      double rho = 0, rho_max = 0, pw = 0, wait = 0;
      for (std::uint32_t j = c.first; j < c.first + c.count; ++j) {
        const CpuLoad& l = cpu[m.instances[j].cpu];
        if (l.rho() > rho) {
          rho = l.rho();
          pw = erlang_c(l.cores, l.lambda * l.mean_s());
          wait = l.wait_s();
        }
        rho_max = std::max(rho_max, cpu_max[m.instances[j].cpu].sustained_rho());
      }
      s.utilization = rho;
      s.wait_probability = pw;
      const double speed = cpu[first.cpu].speed;
      s.latency_ms = (wait + (visits[ci] > 0 ? demand[ci] / visits[ci] / speed : 0)) * 1e3;
      if (rho_max > 0) s.saturation_users = (spec.load.by_rate ? lambda0 : peak) / rho_max;
      const double pool = first.workers == kUnlimited ? 0 : static_cast<double>(first.workers) * fleet_max[ci];
      if (pool > 0 && workers_busy[ci] > 0) {
        // L = λ·T_hold grows with the load and so does T_hold: the linear extrapolation from the
        // analysed load is an upper bound of where the pool fills.
        s.workers_saturation_users = (spec.load.by_rate ? lambda0 : peak) * pool / workers_busy[ci];
      }
      if (const NicLoad& l = nic[ci]; l.baseline > 0) {
        s.network_gbps = l.sustained_bps() * 1e-9;
        s.network_utilization = l.sustained_rho();
        if (const double busiest = nic_max[ci].sustained_rho(); busiest > 0) {
          s.network_saturation_users = (spec.load.by_rate ? lambda0 : peak) / busiest;
          s.saturation_users = std::min(s.saturation_users, s.network_saturation_users);
        }
        s.latency_ms += answered_share(c) * (l.wait_s() + (l.o.answers > 0 ? l.rho() / l.o.answers : 0)) * 1e3;
        const bool capped = l.sustained_bps() < l.baseline * 0.999;
        r.notes.push_back(fmt::format(
            "{}: network {:g} Gbit/s baseline{}{}, {:.0f}% busy at this load (its answers, M/G/1 per instance); "
            "sustained to {} users", c.name, l.baseline * 1e-9,
            capped ? fmt::format(", {:.3g} Gbit/s for its answers out of the Region", s.network_gbps) : "",
            l.burst > l.baseline ? fmt::format(" (up to {:g} Gbit/s for about {:.0f} min from a full bucket)", l.burst * 1e-9,
                                               to_seconds(kNicBurstSeconds) / 60)
                                 : "",
            s.network_utilization * 100, std::isfinite(s.network_saturation_users) ? fmt::format("{:.0f}", s.network_saturation_users) : "—"));
      }
      if (c.kind == HopKind::Db && c.io.on) storage_station(spec, m, storage, ci, reads[ci], writes[ci], peak, lambda0, s, r);
      if (first.pool > 0 && connections_busy[ci] > 0 && std::isfinite(connections_busy[ci])) {
        // The connection pool: an M/M/c station per instance (c = its size), held for the database
        // call; it fills where the connections busy reach the fleet's at its largest (Little's
        // law, extrapolated linearly like the workers).
        const double a = connections_busy[ci] / fleet[ci];
        const double per = (spec.load.by_rate ? lambda0 : peak) * first.pool * fleet_max[ci] / connections_busy[ci];
        pool_saturation[ci] = per;
        const double hold_s = connections_busy[ci] / (lambda0 * visits_to_pool(ci));
        s.note = a < first.pool ? fmt::format("connection pool {}: {:.0f}% busy, mean wait {:.2f} ms (Erlang C); fills at {:.0f}",
                                              first.pool, 100 * a / first.pool,
                                              erlang_c(first.pool, a) * hold_s / (first.pool - a) * 1e3, per)
                                : fmt::format("connection pool {}: saturated ({:.1f} connections busy per instance)", first.pool, a);
        r.notes.push_back(fmt::format("{}: {}", c.name, s.note));
      }
      if (first.guest) s.note = "runs on its host's CPU";
      if (c.scaling.enabled)
        s.note = fmt::format("Auto Scaling {}-{}: {} at the target; saturation with {}", c.scaling.min,
                             c.scaling.max, fleet[ci], fleet_max[ci]);
      if (const CpuCredits& cr = m.cpus[first.cpu].credits; cr.on() && !first.guest) {
        // Sustained capacity is the baseline's; unlimited mode bursts beyond it at a price.
        const double full_users = rho_max > 0 ? (spec.load.by_rate ? lambda0 : peak) / (rho_max * cr.baseline) : 0;
        s.note += fmt::format("{}burstable: sustains {:g}% of each vCPU ({})", s.note.empty() ? "" : "; ", cr.baseline * 100,
                             cr.unlimited ? fmt::format("unlimited: up to {:.0f} at full speed, billing surplus credits at ${:g}/vCPU-hour", full_users, c.surplus_usd_per_vcpu_hour)
                                          : "standard: throttled there once its credits are spent");
        r.notes.push_back(fmt::format("{}: {}", c.name, s.note));
      }
    } else if (is_delay(c.kind)) {
      s.model = "delay";
      s.instances = static_cast<int>(c.count);
      s.latency_ms = c.kind == HopKind::Lb ? 0 : (c.kind == HopKind::Function ? c.cpu : c.op).mean_ns() * 1e-6;
      // A serverless service refuses work beyond a documented limit: the load at which the
      // offered rate (or concurrency) reaches it scales linearly with the users.
      double used = 0;  // share of its limit in use at the analysed load
      if (const ComponentKind& kind = component_registry().at(c.type); kind.limit_share) {
        const AnalyticLoad load{lambda0 * visits[ci], lambda0 * reads[ci], lambda0 * writes[ci],
                                lambda0 * record_bytes[ci], environments_busy[ci]};
        LimitShare share = kind.limit_share(m, static_cast<std::uint16_t>(ci), load);
        used = share.used;
        s.note = std::move(share.note);
      }
      if (used > 0) {
        s.utilization = used;
        s.saturation_users = (spec.load.by_rate ? lambda0 : peak) / used;
      }
    } else {
      s.model = "none";
      s.note = fmt::format("no analytic model for type '{}': counted as zero time", c.type);
      r.notes.push_back(fmt::format("{}: {}", c.name, s.note));
    }
    const double sat = std::min(s.saturation_users, s.workers_saturation_users);
    if (sat < r.saturation_users) {
      r.saturation_users = sat;
      r.bottleneck = c.name;
      r.bottleneck_reason = c.kind == HopKind::Function                                      ? "concurrency"
                            : c.kind == HopKind::Gateway || c.kind == HopKind::Stream || c.kind == HopKind::Table ? "throttle"
                            : s.saturation_users <= s.workers_saturation_users && s.storage_saturation_users <= s.saturation_users
                                ? storage_reason(m.components[ci])
                            : s.saturation_users <= s.workers_saturation_users && s.network_saturation_users <= s.saturation_users
                                ? fmt::format("network {:.3g} Gbit/s{}", s.network_gbps,
                                              nic[ci].sustained_bps() < nic[ci].baseline * 0.999 ? " to the internet" : "")
                            : s.saturation_users <= s.workers_saturation_users                 ? (m.cpus[m.instances[c.first].cpu].credits.on() ? "CPU credits" : "CPU")
                            : (c.kind == HopKind::Db ? "connections" : "workers");
    }
    if (pool_saturation[ci] < r.saturation_users) {
      r.saturation_users = pool_saturation[ci];
      r.bottleneck = c.name;
      r.bottleneck_reason = "connection pool";
    }
    r.stations.push_back(std::move(s));
  }
  if (std::isfinite(r.saturation_users))
    r.saturation_rps = spec.load.by_rate ? r.saturation_users : r.saturation_users / to_seconds(spec.load.think_time);
  if (spec.load.by_rate) r.notes.push_back("load.rate: saturation figures are requests/s, not users");
  r.notes.push_back("every station is M/M/c with the mean demand (lognormal or deterministic demands change the "
                    "wait, not the saturation point)");
  estimate_availability(spec, m, r);
  return r;
}

}  // namespace headroom
