// The hybrid engine (docs/design.md, "The hybrid engine"): the same Runner and control plane —
// metrics, alarms, Auto Scaling, boots, health checks, faults, Spot — as events, while the
// clients' requests advance as rates, one step event at a time instead of a chain of events per
// request. Each step:
//   1. the offered rate per class from the load curve, pushed through the compiled paths with
//      this step's routing (healthy, alive instances), hit ratios and the shares each station
//      rejected or throttled, gives every station its arrival rate;
//   2. each station serves min(arrivals + backlog, capacity): a fluid backlog carries overload
//      to the next step (it builds and drains), workers and queue limits turn its excess into
//      rejections, a station below worker-bound callers holds no more than their workers and
//      hands the rest back to their backlogs (hybrid_callers.cpp), and the work served is added
//      to the instances' busy_total (what CloudWatch's CPU metric and so Auto Scaling read);
//   3. a few synthetic requests per class walk the path through the stations' sojourn
//      distributions (Allen–Cunneen G/G/c waiting, the backlog's wait, a sampled service) and
//      are recorded, each weighted by its share of the step's requests, into the same
//      recorders, counters and bills as the per-request engine's requests;
//   4. the asynchronous pipelines (data and change streams, their consumers, Firehose)
//      advance as chunks of records.
// Memory is per component, instance and class (and a stream's backlog in chunks): independent of
// the run's duration and of its users.
#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "headroom/core/erlang.hpp"
#include "runtime/runner.hpp"

namespace headroom {
namespace {

/// Steps: one second, a quarter where the offered rate moves more than 5% within the second
/// (a flash crowd's rise). Short against the control plane's 1-minute metrics and 5-10 s health
/// checks; long against the stations' service times (ms), so each step's queues are near their
/// stationary state (pointwise-stationary approximation).
constexpr Duration kStepLength = kSecond;
constexpr Duration kFastStepLength = kSecond / 4;
constexpr double kFastChange = 0.05;
/// And two seconds while it moves less than 1% over them (a diurnal day's curve moves about 0.1%
/// in two seconds at its steepest): still 30 steps per 1-minute metric period and hundreds of
/// service times per step, at half the work of a long run (a month is 1.3M steps, not 2.6M).
constexpr Duration kSlowStepLength = 2 * kSecond;
constexpr double kSlowChange = 0.01;
/// Synthetic requests per class over the whole run: enough for a p999 from the weighted samples.
constexpr double kSampleBudget = 3e6;
/// At least this many per class and step. Runs up to about 17 days keep the budget (counted at
/// one step a second; 2 s steps take the same per step, so half as many in all); a month's 1.3M
/// 2 s steps take 2 each, 2.6M per class in all: still hundreds of samples beyond its p999, and
/// the month's work stays within seconds (the samples are most of a long hybrid run's time).
constexpr double kMinSamples = 2;

std::uint64_t take_whole(double& carry, double x) {
  carry += x;
  const double n = std::floor(carry);
  carry -= n;
  return n > 0 ? static_cast<std::uint64_t>(n) : 0;
}

/// Tokens a bucket grants to `demand` spread over [t, t + dt): what it holds at t plus its
/// refill over the step. Leaves the bucket as of t + dt.
double admit(TokenBucket& b, SimTime t, Duration dt, double demand) {
  const double supply = b.available(t) + b.rate * to_seconds(dt);
  const double granted = std::min(demand, supply);
  b.tokens = std::min(b.capacity, supply - granted);
  b.last = t + dt;
  return granted;
}

/// Units a DynamoDB direction grants over [t, t + dt) (on demand: its per-second ceiling).
double admit_units(Capacity& c, SimTime t, Duration dt, double units) {
  if (units <= 0) return 0;
  if (c.provisioned) return admit(c.bucket, t, dt, units);
  const double ceiling = c.ceiling(t);
  const double granted = std::max(0.0, std::min(units, std::min(ceiling * to_seconds(dt), ceiling - c.used)));
  c.used += granted;
  return granted;
}

std::uint32_t calls(double n, double per_call) { return static_cast<std::uint32_t>(std::ceil(n / per_call)); }

}  // namespace

Runner::~Runner() = default;

void Runner::hybrid_start() {
  hybrid_ = std::make_unique<HybridState>();
  HybridState& hy = *hybrid_;
  hy.rng = class_rng_;  // the per-request class draws, unused in a hybrid run
  const double steps = std::max(1.0, to_seconds(recorder_.end()));
  hy.samples = static_cast<int>(std::clamp(kSampleBudget / steps, kMinSamples, 2048.0));
  hy.pooled = std::any_of(model_.components.begin(), model_.components.end(), [](const Component& c) { return c.pool_db >= 0; });
  const std::size_t ni = model_.instances.size(), nc = model_.components.size();
  for (auto* v : {&hy.carry, &hy.retried, &hy.retry_ratio}) v->assign(model_.classes.size(), 0);
  for (auto* v : {&hy.backlog, &hy.arrivals, &hy.work, &hy.reject, &hy.fluid_wait, &hy.service, &hy.nic_answers, &hy.nic_visits})
    v->assign(ni, 0);
  hy.pass.assign(ni, 1);
  for (auto* v : {&hy.wait_p, &hy.wait_mean, &hy.cpu_work, &hy.cpu_arrivals, &hy.cpu_ca2, &hy.cpu_served}) v->assign(model_.cpus.size(), 0);
  hy.cpu_speed.assign(model_.cpus.size(), 1.0);
  hy.nic_offer.assign(model_.nics.size(), NicOffer{});
  for (auto* v : {&hy.nic_cap, &hy.nic_fast, &hy.nic_wait_p, &hy.nic_wait_mean}) v->assign(model_.nics.size(), 0);
  hy.vol_load.assign(model_.volumes.size(), StorageLoad{});
  for (auto* v : {&hy.vol_ops, &hy.vol_cap, &hy.vol_wait_p, &hy.vol_wait_mean}) v->assign(model_.volumes.size(), 0);
  for (auto* v : {&hy.hold_sum, &hy.hold_n, &hy.hold_mean, &hy.flow, &hy.units_read, &hy.units_write,
                  &hy.flow_bytes, &hy.throttle, &hy.cold, &hy.db_writes, &hy.pool_flow, &hy.pool_hold_sum,
                  &hy.pool_hold_n, &hy.pool_hold, &hy.pool_backlog, &hy.pool_fluid_wait, &hy.pool_wait_p,
                  &hy.pool_wait_mean, &hy.pool_lost})
    v->assign(nc, 0);
  hy.pool_pass.assign(nc, 1);
  hy.envs.assign(model_.functions.size(), 0);
  hy.idle.resize(model_.functions.size());
  hy.stream_chunks.resize(model_.streams.size());
  hy.stream_pending.assign(model_.streams.size(), RecordChunk{});
  hy.firehose_chunks.resize(model_.firehoses.size());
  hy.firehose_pending.assign(model_.firehoses.size(), RecordChunk{});
  // Until a step has measured them, a hop is held for its own mean demand.
  for (const TrafficClass& tc : model_.classes)
    for (const Hop& h : tc.hops)
      if (h.demand && hy.hold_mean[h.component] == 0) hy.hold_mean[h.component] = h.demand->mean_ns();
  for (const Function& f : model_.functions)
    hy.hold_mean[f.component] = std::max(hy.hold_mean[f.component], f.duration.mean_ns());
  // A pooled connection, likewise, for its query's mean.
  for (const TrafficClass& tc : model_.classes)
    for (const Hop& h : tc.hops)
      if (h.pool_from >= 0) {
        double& hold = hy.pool_hold[tc.hops[static_cast<std::size_t>(h.pool_from)].component];
        hold = std::max(hold, h.demand->mean_ns());
      }
  hybrid_callers_start();
  hy.targets.resize(model_.classes.size());
  for (std::size_t k = 0; k < model_.classes.size(); ++k) hy.targets[k].resize(model_.classes[k].hops.size());
  // The zoom windows inside the run, sorted, overlapping or touching ones merged.
  auto windows = options_.zoom;
  std::sort(windows.begin(), windows.end());
  for (auto [from, to] : windows) {
    from = std::max<SimTime>(from, 0);
    to = std::min(to, recorder_.end());
    if (to <= from) continue;
    if (!hy.zoom.empty() && from <= hy.zoom.back().second) hy.zoom.back().second = std::max(hy.zoom.back().second, to);
    else hy.zoom.emplace_back(from, to);
  }
  engine_.schedule_at(0, kStep, 0, 0);
}

Duration Runner::hybrid_step_length(SimTime t) const {
  Duration dt = kStepLength;
  const double r0 = arrivals_.rate_at(t), r1 = arrivals_.rate_at(t + kStepLength);
  if (std::fabs(r1 - r0) > kFastChange * std::max(r0, r1)) {
    dt = kFastStepLength;
  } else if (const double r2 = arrivals_.rate_at(t + kSlowStepLength);
             std::max({r0, r1, r2}) - std::min({r0, r1, r2}) <= kSlowChange * std::max({r0, r1, r2})) {
    dt = kSlowStepLength;
  }
  // Steps end at the warmup, so that a step is measured whole or not at all, and at the end.
  if (t < recorder_.warmup() && t + dt > recorder_.warmup()) dt = recorder_.warmup() - t;
  // And at the zoom windows' edges, where the clients switch between rates and requests.
  if (const HybridState& hy = *hybrid_; hy.zoom_next < hy.zoom.size()) {
    const SimTime edge = hy.zoomed ? hy.zoom[hy.zoom_next].second : hy.zoom[hy.zoom_next].first;
    if (t < edge && t + dt > edge) dt = edge - t;
  }
  return std::min(dt, recorder_.end() - t);
}

void Runner::hybrid_targets() {
  HybridState& hy = *hybrid_;
  for (std::size_t k = 0; k < model_.classes.size(); ++k) {
    const auto& hops = model_.classes[k].hops;
    for (std::size_t j = 0; j < hops.size(); ++j) {
      const Hop& h = hops[j];
      const Component& c = model_.components[h.component];
      auto& out = hy.targets[k][j];
      out.clear();
      if (j > 0 && hops[j - 1].kind == HopKind::Lb) {
        // The balancer's healthy targets (it may believe a dead one healthy until it notices),
        // or all of them when it believes none is (fail open).
        for (const std::uint32_t x : routable(hops[j - 1].component)) out.push_back(c.first + x);
        continue;
      }
      if (c.count <= 1 || (h.kind == HopKind::Db && !(h.op == DbOp::Read && c.reads_from != ReadsFrom::Primary))) {
        out.push_back(c.first);
        continue;
      }
      std::uint32_t lo = 0;
      bool alive_only = false;
      if (h.kind == HopKind::Db) {
        lo = c.reads_from == ReadsFrom::Replicas ? 1 : 0;
        alive_only = true;
      } else if (h.kind == HopKind::Lb) {
        alive_only = true;
      }
      for (std::uint32_t i = c.first + lo; i < c.first + c.count; ++i)
        if (!alive_only || model_.instances[i].alive) out.push_back(i);
      if (out.empty()) out.push_back(c.first + lo);  // nothing alive: it fails there
    }
  }
}

void Runner::hybrid_flows(double rate) {
  HybridState& hy = *hybrid_;
  std::fill(hy.arrivals.begin(), hy.arrivals.end(), 0.0);
  std::fill(hy.work.begin(), hy.work.end(), 0.0);
  std::fill(hy.cpu_arrivals.begin(), hy.cpu_arrivals.end(), 0.0);
  std::fill(hy.cpu_ca2.begin(), hy.cpu_ca2.end(), 0.0);
  std::fill(hy.wait_mean.begin(), hy.wait_mean.end(), 0.0);  // second moments until solved
  std::fill(hy.nic_offer.begin(), hy.nic_offer.end(), NicOffer{});
  std::fill(hy.vol_load.begin(), hy.vol_load.end(), StorageLoad{});
  for (auto* v : {&hy.flow, &hy.units_read, &hy.units_write, &hy.flow_bytes, &hy.db_writes, &hy.pool_flow,
                  &hy.nic_answers, &hy.nic_visits, &hy.vol_ops, &hy.edge_flow})
    std::fill(v->begin(), v->end(), 0.0);
  for (std::size_t k = 0; k < model_.classes.size(); ++k) {
    const TrafficClass& tc = model_.classes[k];
    double phi = rate * tc.share * (1 + hy.retry_ratio[k]);
    for (std::size_t j = 0; j < tc.hops.size() && phi > 0; ++j) {
      const Hop& h = tc.hops[j];
      const Component& c = model_.components[h.component];
      const auto& targets = hy.targets[k][j];
      if (targets.empty()) break;
      if (const int e = hy.edge_of[k][j]; e >= 0) hy.edge_flow[static_cast<std::size_t>(e)] += phi;
      if (h.pool_from >= 0) {  // the calls a pool times out never reach the database
        const std::uint16_t pool = tc.hops[static_cast<std::size_t>(h.pool_from)].component;
        hy.pool_flow[pool] += phi;
        phi *= hy.pool_pass[pool];
      }
      const double psi = phi / static_cast<double>(targets.size());
      const double ca2 = j > 0 && tc.hops[j - 1].kind == HopKind::Lb ? 1.0 / static_cast<double>(targets.size()) : 1.0;
      double next = 0;
      bool stops = h.last;
      for (const std::uint32_t i : targets) {
        const Instance& in = model_.instances[i];
        if (!in.alive) {
          if (h.kind == HopKind::Cache && !h.last) next += psi;  // a lost cache node is a miss
          continue;
        }
        switch (h.kind) {
          case HopKind::Lb:
            if (!hy.targets[k][j + 1].empty()) next += psi;
            break;
          case HopKind::Pool:
          case HopKind::Db:
          case HopKind::Cache: {
            const double mean = h.demand->mean_ns() * 1e-9;
            hy.arrivals[i] += psi;
            hy.work[i] += psi * mean;
            hy.cpu_arrivals[in.cpu] += psi;
            hy.cpu_ca2[in.cpu] += psi * ca2;
            hy.wait_mean[in.cpu] += psi * mean * mean * (1 + h.demand->scv());
            double on = psi * (1 - hy.reject[i]) * hy.pass[i];
            if (h.kind == HopKind::Pool) on *= 1 - c.error_ratio;
            double hit = 1;  // the share of its visits that answer with data: a cache's hits
            if (h.kind == HopKind::Cache) {
              hit = c.hit_ratio;
              if (in.cold) hit *= in.filled(c.warm_lookups);
              on *= 1 - hit;
            }
            if (h.nic_ns > 0 && in.nic != kNoNic) {
              // Its answers leave through the instance's NIC (those admitted and not failed).
              const double sent = psi * (1 - hy.reject[i]) * (1 - c.error_ratio) * hit;
              hy.nic_offer[in.nic].add(h, sent);
              hy.nic_answers[i] += sent;
              hy.nic_visits[i] += psi * hit;
            }
            if (h.kind == HopKind::Db) {
              stops = true;
              if (h.op == DbOp::Write) hy.db_writes[h.component] += on;
              if (in.volume != kNoVolume) hybrid_storage_offer(c, in, h.op == DbOp::Read, psi * (1 - hy.reject[i]));
            }
            next += on;
            break;
          }
          case HopKind::Edge: next += psi * (1 - c.hit_ratio); break;
          case HopKind::Store:
          case HopKind::Dns: next += psi; break;
          case HopKind::Gateway:
          case HopKind::Function:
          case HopKind::Table:
          case HopKind::Stream:
          case HopKind::Firehose: {
            hy.flow[h.component] += psi;
            if (h.kind == HopKind::Table) {
              const Table& t = model_.tables[static_cast<std::size_t>(c.ext)];
              (h.op == DbOp::Write ? hy.units_write : hy.units_read)[h.component] +=
                  psi * (h.op == DbOp::Write ? t.write_units : t.read_units);
            }
            if (h.kind == HopKind::Stream)
              hy.flow_bytes[h.component] += psi * model_.streams[static_cast<std::size_t>(c.ext)].record_bytes(tc.bytes);
            if (h.kind == HopKind::Stream || h.kind == HopKind::Firehose) stops = true;
            next += psi * (1 - hy.throttle[h.component]);
            break;
          }
          case HopKind::Attached: HEADROOM_ASSERT(false, "a request reached a volume"); break;
        }
      }
      if (stops) break;
      phi = next;
    }
  }
  // Each read replica replays its primary's writes on its own cores: work that competes with
  // the reads it serves (runtime/replication.cpp).
  for (std::size_t d = 0; d < model_.components.size(); ++d) {
    const ComponentState& st = model_.states[d];
    if (st.replicas.empty() || hy.db_writes[d] <= 0) continue;
    const Component& c = model_.components[d];
    const double mean = c.apply.mean_ns() * 1e-9, w = hy.db_writes[d];
    for (std::uint32_t k = 0; k < st.replicas.size(); ++k) {
      const std::uint32_t i = c.first + 1 + k;
      const Instance& in = model_.instances[i];
      if (!in.alive) continue;
      hy.arrivals[i] += w;
      hy.work[i] += w * mean;
      hy.cpu_arrivals[in.cpu] += w;
      hy.cpu_ca2[in.cpu] += w;
      hy.wait_mean[in.cpu] += w * mean * mean * (1 + c.apply.scv());
      if (in.volume != kNoVolume) hybrid_storage_offer(c, in, false, w);  // a replay writes like a write
    }
  }
}

void Runner::hybrid_stations(SimTime t, Duration dt, bool measured) {
  HybridState& hy = *hybrid_;
  (void)t;
  const double dts = to_seconds(dt);
  // Each Cpu serves what its instances were offered plus their backlog, up to its cores.
  std::fill(hy.cpu_work.begin(), hy.cpu_work.end(), 0.0);
  for (std::size_t i = 0; i < model_.instances.size(); ++i) {
    const Instance& in = model_.instances[i];
    if (!in.alive) {
      hy.backlog[i] = 0;  // what waited there died with it
      continue;
    }
    if (hy.arrivals[i] <= 0 && hy.backlog[i] <= 0) continue;
    if (hy.arrivals[i] > 0) hy.service[i] = hy.work[i] / hy.arrivals[i];
    hy.cpu_work[in.cpu] += (hy.arrivals[i] * dts + hy.backlog[i]) * hy.service[i];
  }
  // Burstable instances (sources.md §1b): a standard one serves at full speed what its credits
  // and this step's earnings cover, and no less than its baseline; an unlimited one runs on.
  std::fill(hy.cpu_speed.begin(), hy.cpu_speed.end(), 1.0);
  std::fill(hy.cpu_served.begin(), hy.cpu_served.end(), 0.0);
  for (std::size_t k = 0; k < model_.cpus.size(); ++k) {
    CpuCredits& cr = model_.cpus[k].credits;
    if (!cr.on()) continue;
    const double paid = cr.settle(t);
    hy.cpu_served[k] = -paid;  // booked below, with the surplus spent
    const double full = static_cast<double>(model_.cpus[k].cores) * dts;
    const double affordable = std::max(0.0, cr.balance) + cr.earn * dts;
    if (!cr.unlimited && hy.cpu_work[k] > affordable && full > 0)
      hy.cpu_speed[k] = std::clamp(affordable / full, cr.baseline, 1.0);
  }
  hybrid_nics(t, dt);
  hybrid_storage(dt);
  hybrid_bounds();
  std::vector<double> served_work(model_.cpus.size(), 0.0);
  for (std::size_t i = 0; i < model_.instances.size(); ++i) {
    Instance& in = model_.instances[i];
    hy.reject[i] = 0;
    hy.fluid_wait[i] = 0;
    hy.pass[i] = 1;
    if (!in.alive || (hy.arrivals[i] <= 0 && hy.backlog[i] <= 0)) continue;
    const Component& c = model_.components[in.component];
    ComponentState& st = model_.states[in.component];
    const Cpu& cpu = model_.cpus[in.cpu];
    const double s = hy.service[i];
    const double a = hy.arrivals[i] * dts, before = hy.backlog[i];
    const double capacity = static_cast<double>(cpu.cores) * dts * hy.cpu_speed[in.cpu];
    double served = a + before;
    if (hy.cpu_work[in.cpu] > capacity) served *= capacity / hy.cpu_work[in.cpu];
    if (in.workers != kUnlimited) {
      // Workers are held for the whole call below this hop: at most workers / hold per second.
      const double hold = std::max(hy.hold_mean[in.component] * 1e-9, s);
      if (hold > 0) served = std::min(served, static_cast<double>(in.workers) * dts / hold);
    }
    // Its answers hold their workers until its NIC has sent them: at most what it sends this step.
    // An instance sharing its NIC (a host and its co-located database) gets its share of what
    // the NIC sends; of what it serves, only the answers with data (a pool's every answer, a
    // cache's hits, a database's reads) go through it.
    double answer_bits = 0, sends = 1;
    if (in.nic != kNoNic && hy.nic_answers[i] > 0) {
      const NicOffer& o = hy.nic_offer[in.nic];
      answer_bits = o.bits / o.answers;
      if (c.kind != HopKind::Pool) sends = std::min(1.0, hy.nic_visits[i] / hy.arrivals[i]);
      served = std::min(served, hy.nic_cap[in.nic] * (hy.nic_answers[i] / o.answers) / sends);
    }
    // A database's queries hold their connections through their I/O: at most what its volume serves.
    if (in.volume != kNoVolume) served = hybrid_storage_serve(in, served, measured);
    double after = a + before - served;
    double limit = std::numeric_limits<double>::infinity();
    if (in.queue_limit != std::numeric_limits<std::int64_t>::max()) {
      // Its queue, and the requests holding a worker off its cores: waiting for one — but not
      // those waiting on a call below when that station keeps them (hybrid_callers.cpp), by
      // Little's law the calls' share of its hold.
      double off_cores = in.workers != kUnlimited ? std::max(0, in.workers - cpu.cores) : 0;
      if (hy.bounds_below[in.component] && in.workers != kUnlimited) {
        const double hold = std::max(hy.hold_mean[in.component] * 1e-9, s);
        off_cores = std::max(0.0, off_cores - served / dts * (hold - s));
      }
      limit = static_cast<double>(in.queue_limit) + off_cores;
    }
    double rejected = 0, deferred = 0;
    // A station its callers reach only while holding a worker or a pooled connection holds at
    // most those, less what it is serving: calls beyond them never left the callers. What the
    // step would pile up above that goes back to the callers' backlogs (hybrid_callers.cpp), to
    // be refused there by their queue limits if at all, not here.
    if (after > std::min(hy.in_flight[in.component] - cpu.cores, limit)) {
      const double held = std::max(0.0, hybrid_room(in.component) - cpu.cores);
      if (held < limit && after > held) {
        deferred = after - held;
        after = held;
        defer_to_callers(in.component, deferred);
      }
    }
    if (after > limit) {
      rejected = after - limit;
      after = limit;
    }
    hy.backlog[i] = after < 1e-9 ? 0 : after;
    // The share of this step's arrivals refused. A backlog within its limit refuses at most what
    // it did not serve (after ≤ limit), but calls a station below handed back (hybrid_callers.cpp)
    // can take it over: a full queue then admits an arrival for each request served and refuses
    // the rest, and the surplus handed back beyond the limit is dropped with them.
    rejected = std::min(rejected, std::max(0.0, a - served));
    hy.reject[i] = a > 0 ? std::min(1.0, rejected / a) : 0;
    if (served > 0) {
      // Arrivals of the step find, on average, the backlog halfway between its two ends.
      if (before + after > 1e-9) hy.fluid_wait[i] = 0.5 * (before + after) / (served / dts) * 1e9;
      if (a - rejected - deferred > 1e-12) hy.pass[i] = std::min(10.0, served / (a - rejected - deferred));
    }
    if (answer_bits > 0) {
      const double answered = served * sends;
      model_.nics[in.nic].bucket -= answered * answer_bits;
      if (measured) {
        st.tally.nic_bits += answered * answer_bits;
        st.tally.nic_s += answered * hy.nic_offer[in.nic].t / hy.nic_offer[in.nic].answers;
      }
    }
    const double busy_ns = served * s * 1e9;
    served_work[in.cpu] += served * s;
    // CloudWatch counts the work; the station is busy for it stretched by a throttled speed.
    in.busy_total += static_cast<std::int64_t>(busy_ns);
    if (measured) st.tally.busy_ns += static_cast<std::int64_t>(busy_ns / hy.cpu_speed[in.cpu]);
    if (c.kind == HopKind::Cache && in.cold) {
      in.served_since_start += static_cast<std::uint64_t>(a);
      if (in.filled(c.warm_lookups) > 0.999) in.cold = false;
    }
  }
  if (hy.any_returned)
    for (std::size_t i = 0; i < model_.instances.size(); ++i) {
      hy.backlog[i] += hy.returned[i];
      hy.returned[i] = 0;
    }
  for (std::size_t k = 0; k < model_.cpus.size(); ++k) {
    CpuCredits& cr = model_.cpus[k].credits;
    if (!cr.on()) continue;
    hy.cpu_served[k] += cr.spend(served_work[k]);  // the surplus spent, net of that paid down
  }
  if (measured)
    for (const Cpu& cpu : model_.cpus)
      if (cpu.credits.on()) model_.states[cpu.credits.owner].tally.surplus_s += hy.cpu_served[static_cast<std::size_t>(&cpu - model_.cpus.data())];
  // The stationary part of each Cpu's queue at this step's load: M/G/c by Allen–Cunneen,
  // P(wait) from Erlang C and the mean wait when waiting s / (c (1 - ρ)) · (1 + cs²) / 2.
  std::vector<double>& mean_demand = hy.cpu_work;  // reuse: offered work per second per Cpu
  std::fill(mean_demand.begin(), mean_demand.end(), 0.0);
  for (std::size_t i = 0; i < model_.instances.size(); ++i)
    if (model_.instances[i].alive) mean_demand[model_.instances[i].cpu] += hy.work[i];
  // The instances of a pool behind a balancer see the same load: the last Cpu's answer is
  // reused when its inputs are the same (most of a long run's Erlang recursions).
  double last[6] = {-1, 0, 0, 0, 0, 0}, last_p = 0, last_wait = 0;
  for (std::size_t k = 0; k < model_.cpus.size(); ++k) {
    const double lambda = hy.cpu_arrivals[k];
    const int cores = model_.cpus[k].cores;
    if (lambda <= 0 || cores <= 0) {
      hy.wait_p[k] = hy.wait_mean[k] = 0;
      continue;
    }
    const double speed = hy.cpu_speed[k];
    const double in[6] = {static_cast<double>(cores), lambda, mean_demand[k], hy.wait_mean[k], hy.cpu_ca2[k], speed};
    if (std::equal(in, in + 6, last)) {
      hy.wait_p[k] = last_p;
      hy.wait_mean[k] = last_wait;
      continue;
    }
    const double s = mean_demand[k] / lambda / speed;
    const double m2 = hy.wait_mean[k] / lambda / (speed * speed);  // E[S²] (s²), summed in hybrid_flows
    const double scv = s > 0 ? std::max(0.0, m2 / (s * s) - 1) : 0;
    const double rho = std::min(kMaxRho, mean_demand[k] / speed / cores);
    hy.wait_p[k] = erlang_c(cores, rho * cores);
    const double ca2 = hy.cpu_ca2[k] / lambda;
    hy.wait_mean[k] = s / (cores * (1 - rho)) * (ca2 + scv) / 2 * 1e9;
    // Allen–Cunneen is a heavy-traffic form: for smoother arrivals than Poisson (a round robin's
    // Erlang-n gaps) at moderate load it overstates the wait, by 2× at ρ ≈ 0.5 behind 9 targets.
    // The Kraemer & Langenbach-Belz factor (1976; Whitt's QNA, 1983) corrects it.
    if (ca2 < 1 && rho > 0 && ca2 + scv > 0)
      hy.wait_mean[k] *= std::exp(-2 * (1 - rho) * (1 - ca2) * (1 - ca2) / (3 * rho * (ca2 + scv)));
    std::copy(in, in + 6, last);
    last_p = hy.wait_p[k];
    last_wait = hy.wait_mean[k];
  }
}

void Runner::hybrid_nics(SimTime t, Duration dt) {
  // Each NIC (topology/nic.hpp) sends, this step, what its sustained rates carry in the step, or
  // at its burst rates what its baseline's bits plus its bucket's surplus cover: the answers it can
  // send. The worker is held until the answer is sent, so that caps what its instance serves
  // (hybrid_stations) and the pool's backlog is its queue too; what remains is its stationary
  // queue at this step's rate, M/G/1 (Pollaczek–Khinchine).
  HybridState& hy = *hybrid_;
  const double dts = to_seconds(dt);
  for (std::size_t n = 0; n < model_.nics.size(); ++n) {
    Nic& nic = model_.nics[n];
    nic.settle(t);
    hy.nic_cap[n] = hy.nic_fast[n] = hy.nic_wait_p[n] = hy.nic_wait_mean[n] = 0;
    const NicOffer& o = hy.nic_offer[n];
    const double answers = o.answers;
    if (answers <= 0 || dts <= 0) continue;
    const double bits = o.bits / answers, slow = o.t / answers, fast = o.t_fast / answers;
    hy.nic_cap[n] = dts / slow;
    if (nic.bursts()) {
      const double affordable = (nic.baseline_bps * dts + std::max(0.0, nic.bucket)) / bits;
      const double at_burst = std::min(dts / fast, answers * dts);  // what it would send at the burst rate
      hy.nic_cap[n] = std::max(hy.nic_cap[n], std::min(dts / fast, affordable));
      hy.nic_fast[n] = affordable >= at_burst ? 1 : 0;
    }
    const bool quick = hy.nic_fast[n] > 0;
    const double rho = std::min(kMaxRho, quick ? o.t_fast : o.t);
    hy.nic_wait_p[n] = rho;
    // W = λE[S²] / (2(1 − ρ)); given that it waits (probability ρ), its mean is W / ρ.
    if (rho > 0) hy.nic_wait_mean[n] = (quick ? o.t2_fast : o.t2) / (2 * (1 - rho)) / rho * 1e9;
  }
}

void Runner::hybrid_serverless(SimTime t, Duration dt, bool measured) {
  HybridState& hy = *hybrid_;
  (void)measured;
  for (std::size_t ci = 0; ci < model_.components.size(); ++ci) {
    const Component& c = model_.components[ci];
    const double demand = hy.flow[ci] * to_seconds(dt);
    switch (c.kind) {
      case HopKind::Gateway: {
        Gateway& g = model_.gateways[static_cast<std::size_t>(c.ext)];
        const double granted = admit(g.bucket, t, dt, demand);
        hy.throttle[ci] = demand > 0 ? 1 - granted / demand : 0;
        break;
      }
      case HopKind::Table: {
        Table& tb = model_.tables[static_cast<std::size_t>(c.ext)];
        double r = hy.units_read[ci] * to_seconds(dt), w = hy.units_write[ci] * to_seconds(dt);
        // A hot key's share goes to one partition first (3,000 RCU / 1,000 WCU a second,
        // sources.md §6), as per request: what it refuses is throttled before the table's
        // capacity sees it.
        double hot_lost = 0;
        if (tb.hot_key > 0) {
          const double hr = r * tb.hot_key, hw = w * tb.hot_key;
          const double lost_r = hr - admit(tb.hot_read, t, dt, hr), lost_w = hw - admit(tb.hot_write, t, dt, hw);
          r -= lost_r;
          w -= lost_w;
          hot_lost = (tb.read_units > 0 ? lost_r / tb.read_units : 0) + (tb.write_units > 0 ? lost_w / tb.write_units : 0);
        }
        const double gr = admit_units(tb.read, t, dt, r), gw = admit_units(tb.write, t, dt, w);
        // One share for both directions, weighted by their operations.
        const double ops_r = tb.read_units > 0 ? r / tb.read_units : 0, ops_w = tb.write_units > 0 ? w / tb.write_units : 0;
        const double lost = hot_lost + (tb.read_units > 0 ? (r - gr) / tb.read_units : 0) + (tb.write_units > 0 ? (w - gw) / tb.write_units : 0);
        const double ops = ops_r + ops_w + hot_lost;
        hy.throttle[ci] = ops > 0 ? std::clamp(lost / ops, 0.0, 1.0) : 0;
        break;
      }
      case HopKind::Stream: {
        Stream& s = model_.streams[static_cast<std::size_t>(c.ext)];
        // Partition keys spread puts evenly over the shards; each takes 1,000 records and
        // 1 MB per second (sources.md §9).
        const double per_shard = demand / static_cast<double>(s.shards.size());
        const double bytes = hy.flow[ci] > 0 ? hy.flow_bytes[ci] / hy.flow[ci] : 1000;
        double granted = 0;
        for (StreamShard& sh : s.shards) {
          const double by_records = sh.in_records.available(t) + sh.in_records.rate * to_seconds(dt);
          const double by_bytes = (sh.in_bytes.available(t) + sh.in_bytes.rate * to_seconds(dt)) / bytes;
          const double g = std::min(per_shard, std::min(by_records, by_bytes));
          admit(sh.in_records, t, dt, g);
          admit(sh.in_bytes, t, dt, g * bytes);
          granted += g;
        }
        hy.throttle[ci] = demand > 0 ? 1 - granted / demand : 0;
        break;
      }
      default: break;
    }
  }
}

void Runner::hybrid_functions(SimTime t, Duration dt, bool measured) {
  HybridState& hy = *hybrid_;
  LambdaAccount& account = model_.lambda;
  // Busy environments by Little's law: invocations per second × how long each holds its
  // environment (its own duration and the calls it makes). A concurrency limit is an M/G/L/L
  // loss system: the share throttled is Erlang B, whatever the duration's distribution.
  std::vector<double> busy(model_.functions.size(), 0);
  double unreserved = 0;
  for (std::size_t fi = 0; fi < model_.functions.size(); ++fi) {
    const Function& f = model_.functions[fi];
    busy[fi] = hy.flow[f.component] * hy.hold_mean[f.component] * 1e-9;
    if (f.reserved == 0) unreserved += busy[fi];
  }
  auto loss = [](int limit, double load) {
    // Far below the limit the loss is nil: skip the O(limit) recursion.
    if (load < limit - 8 * std::sqrt(static_cast<double>(limit)) - 10) return 0.0;
    return erlang_b(limit, load);
  };
  const double shared_loss = loss(account.unreserved_limit, unreserved);
  for (std::size_t fi = 0; fi < model_.functions.size(); ++fi) {
    Function& f = model_.functions[fi];
    const std::uint16_t ci = f.component;
    const double m = busy[fi];
    const int limit = f.reserved > 0 ? f.reserved : account.unreserved_limit;
    const double blocked = f.reserved > 0 ? loss(f.reserved, m) : shared_loss;
    // Environments to cover the busy ones and their fluctuation (+3σ of a Poisson count), beyond
    // the provisioned ones, which never go cold.
    const double need = std::max(0.0, std::min<double>(limit, m + 3 * std::sqrt(m)) - f.provisioned);
    auto& idle = hy.idle[fi];
    while (!idle.empty() && t - idle.front().first > f.keep_warm) idle.pop_front();
    double cold = 0, short_by = 0;
    if (need > hy.envs[fi]) {
      double more = need - hy.envs[fi];
      // The most recently idle first (the others keep ageing towards reclaim), then new ones as
      // fast as the scale-out rate allows (sources.md §7b).
      while (more > 0 && !idle.empty()) {
        const double take = std::min(more, idle.back().second);
        idle.back().second -= take;
        more -= take;
        hy.envs[fi] += take;
        if (idle.back().second <= 0) idle.pop_back();
      }
      if (more > 0) {
        cold = admit(f.scale, t, dt, more);
        hy.envs[fi] += cold;
        short_by = more - cold;
      }
    } else if (need < hy.envs[fi]) {
      idle.emplace_back(t, hy.envs[fi] - need);
      hy.envs[fi] = need;
    }
    const double invocations = hy.flow[ci] * to_seconds(dt);
    const double scale_loss = m > 0 ? std::clamp(short_by / std::max(need, 1.0), 0.0, 1.0) : 0;
    hy.throttle[ci] = 1 - (1 - blocked) * (1 - scale_loss);
    hy.cold[ci] = invocations > 0 ? std::min(1.0, cold / invocations) : 0;
    // The busy integral and peaks the figures and the bill read.
    f.busy = static_cast<int>(std::lround(m));
    if (measured) {
      f.busy_area += m * static_cast<double>(dt);
      f.peak = std::max(f.peak, static_cast<int>(std::ceil(need)) + std::min(f.provisioned, static_cast<int>(std::ceil(m))));
    }
    const int shown = static_cast<int>(std::ceil(std::min<double>(limit, m + 3 * std::sqrt(m))));
    f.interval_peak = std::max(f.interval_peak, shown);
    if (const auto minute = static_cast<std::size_t>(t / kMinute); minute < f.peak_per_minute.size())
      f.peak_per_minute[minute] = std::max(f.peak_per_minute[minute], static_cast<std::uint32_t>(shown));
    f.busy_since = t + dt;
  }
}

void Runner::hybrid_sample(std::uint16_t cls, std::uint64_t n, SimTime t, bool measured) {
  if (n == 0) return;
  HybridState& hy = *hybrid_;
  const TrafficClass& tc = model_.classes[cls];
  const Hop* hops = tc.hops.data();
  const int depth = static_cast<int>(tc.hops.size());
  const std::uint64_t m = std::min<std::uint64_t>(n, static_cast<std::uint64_t>(hy.samples));
  const std::uint64_t base = n / m, extra = n % m;
  Rng& rng = hy.rng;
  std::uint32_t inst[kMaxDepth] = {};
  Duration din[kMaxDepth] = {}, own[kMaxDepth] = {}, queued[kMaxDepth] = {};
  bool bypass[kMaxDepth] = {};
  Duration peak_area = 0;
  for (std::uint64_t s = 0; s < m; ++s) {
    const std::uint64_t w = base + (s < extra ? 1 : 0);
    ErrorKind err = ErrorKind::None;
    std::int32_t blame = kNoFault;
    Duration spent = 0;  // the client's time over the attempts before this one, and their backoffs
    for (int attempt = 0;; ++attempt) {
      err = ErrorKind::None;
      blame = kNoFault;
      bool throttled_fn = false;
      int d = 0;
      for (int j = 0; j < depth; ++j) {
        const Hop& h = hops[j];
        const Component& c = model_.components[h.component];
        ComponentState& st = model_.states[h.component];
        const auto& targets = hy.targets[cls][static_cast<std::size_t>(j)];
        d = j;
        own[j] = queued[j] = 0;
        bypass[j] = false;
        inst[j] = targets.empty() ? c.first
                                  : targets[rng.below(static_cast<std::uint32_t>(targets.size()))];
        if (j == 0) {
          din[0] = h.in_delay;
        } else if (h.in_delay >= 0) {
          din[j] = h.in_delay;
        } else {
          int from = j - 1;
          while (from > 0 && model_.instances[inst[from]].az == kNoAz) --from;
          din[j] = model_.net(inst[from], inst[j]);
        }
        if (h.pool_from >= 0) [[unlikely]] {
          // The wait for a pooled connection, at the hop that calls the database (runner.cpp).
          bool lost = false;
          const std::uint16_t pool = hops[h.pool_from].component;
          const Duration wait = hybrid_pool_wait(pool, lost);
          own[j - 1] += wait;
          if (measured) {
            ComponentTally& pt = model_.states[pool].tally;
            pt.pool_borrows += w;
            if (wait > 0) pt.pool_waited += w;
            if (lost) pt.pool_timeouts += w, pt.errors += w;
            model_.states[pool].pool_waits.front().record(wait, w);
          }
          if (lost) {
            err = ErrorKind::Rejected;
            d = j - 1;
            break;
          }
        }
        Instance& in = model_.instances[inst[j]];
        if (h.kind == HopKind::Cache && !in.alive && !h.last) {
          bypass[j] = true;
          continue;
        }
        auto fail_here = [&](ErrorKind e, std::int32_t why) {
          err = e;
          blame = why;
          if (measured) st.tally.errors += w;
        };
        if (!in.alive) {
          fail_here(ErrorKind::Unavailable, in.killed_by);
          break;
        }
        if (measured) {
          st.tally.ops += w;
          (h.op == DbOp::Write ? st.tally.writes : st.tally.reads) += w;
          st.tally.bytes += h.response_bytes * static_cast<double>(w);
          st.tally.request_bytes += h.request_bytes * static_cast<double>(w);
          // As per request (runner.cpp): an ALB's cross-zone hop to its targets is free.
          if (j > 0 && h.in_delay < 0 && hops[j - 1].kind != HopKind::Lb) {
            const std::uint16_t a = model_.instances[inst[j - 1]].az;
            if (a != kNoAz && in.az != kNoAz && a != in.az)
              st.tally.cross_az_bytes += (h.request_bytes + h.response_bytes) * static_cast<double>(w);
          }
        }
        bool answers = h.last;
        switch (h.kind) {
          case HopKind::Lb:
            if (hy.targets[cls][j + 1].empty()) {
              std::int32_t why = kNoFault;
              const Component& pool = model_.components[c.lb_target];
              for (std::uint32_t i = pool.first; i < pool.first + pool.count; ++i)
                why = std::max(why, model_.instances[i].killed_by);
              fail_here(ErrorKind::Unavailable, why);
            }
            break;
          case HopKind::Pool:
          case HopKind::Db:
          case HopKind::Cache: {
            if (hy.reject[inst[j]] > 0 && rng.uniform01() < hy.reject[inst[j]]) {
              fail_here(ErrorKind::Rejected, kNoFault);
              break;
            }
            Duration wait = static_cast<Duration>(hy.fluid_wait[inst[j]]);
            const std::uint32_t cpu = in.cpu;
            // Behind a fluid backlog the whole queue is that backlog; otherwise the stationary one
            // — none at a station whose callers cannot keep more calls there than its cores.
            const bool bounded = hy.in_flight[h.component] <= model_.cpus[cpu].cores;
            if (wait == 0 && !bounded && hy.wait_p[cpu] > 0 && rng.uniform01() < hy.wait_p[cpu])
              wait += static_cast<Duration>(rng.exp1() * hy.wait_mean[cpu]);
            own[j] = wait + static_cast<Duration>(static_cast<double>(h.demand->sample(rng)) / hy.cpu_speed[cpu]);
            queued[j] = wait;
            bool sends = h.nic_ns > 0 && in.nic != kNoNic;  // an answer with data, through its NIC
            if (h.kind == HopKind::Db) {
              if (h.op == DbOp::Write) own[j] += c.commit_delay;
              if (in.volume != kNoVolume)
                own[j] += hybrid_storage_sample(c, in, h.op == DbOp::Read, hy.fluid_wait[inst[j]] > 0, rng);
              answers = true;
            } else if (h.kind == HopKind::Pool) {
              if (c.error_ratio > 0 && rng.bernoulli(c.error_ratio)) {
                err = ErrorKind::ServerError;
                if (measured) st.tally.errors += w;
                answers = true;
                sends = false;
              }
            } else {
              double p = c.hit_ratio;
              if (in.cold)
                p *= in.filled(c.warm_lookups);
              const bool hit = rng.bernoulli(p);
              if (hit) answers = true;
              sends = sends && hit;  // a miss sends no value back
            }
            if (sends) {
              // Its answer's wait for the wire (the backlog's, or M/G/1's) and its transmission.
              // (A backlog waits at the station, in `wait` above: the worker is held until it is sent.)
              const std::uint32_t q = in.nic;
              Duration nic_wait = 0;
              if (hy.fluid_wait[inst[j]] == 0 && hy.nic_wait_p[q] > 0 && rng.uniform01() < hy.nic_wait_p[q])
                nic_wait += static_cast<Duration>(rng.exp1() * hy.nic_wait_mean[q]);
              own[j] += nic_wait + (hy.nic_fast[q] > 0 ? h.nic_burst_ns : h.nic_ns);
            }
            break;
          }
          case HopKind::Edge:
            own[j] = h.demand->sample(rng);
            if (rng.bernoulli(c.hit_ratio)) answers = true;
            break;
          case HopKind::Store:
          case HopKind::Dns:
            own[j] = h.demand->sample(rng);
            break;
          case HopKind::Gateway:
          case HopKind::Function:
          case HopKind::Stream:
          case HopKind::Table:
          case HopKind::Firehose: {
            if (hy.throttle[h.component] > 0 && rng.uniform01() < hy.throttle[h.component]) {
              fail_here(ErrorKind::Throttled, kNoFault);
              if (measured) {
                switch (h.kind) {
                  case HopKind::Gateway:
                    model_.gateways[static_cast<std::size_t>(c.ext)].throttled += w;
                    break;
                  case HopKind::Function:
                    model_.functions[static_cast<std::size_t>(c.ext)].throttled += w;
                    break;
                  case HopKind::Stream:
                    model_.streams[static_cast<std::size_t>(c.ext)].throttled += w;
                    break;
                  case HopKind::Table:
                    model_.tables[static_cast<std::size_t>(c.ext)].throttled += w;
                    break;
                  default:
                    break;
                }
              }
              if (h.kind == HopKind::Function) throttled_fn = true;
              break;
            }
            if (h.kind == HopKind::Function) {
              Function& f = model_.functions[static_cast<std::size_t>(c.ext)];
              Duration dur = f.duration.sample(rng);
              if (dur > f.timeout) {
                dur = f.timeout;
                err = ErrorKind::Timeout;
                if (measured) f.timeouts += w, st.tally.errors += w;
                answers = true;
              }
              if (hy.cold[h.component] > 0 && rng.uniform01() < hy.cold[h.component]) {
                dur += f.cold.sample(rng);
                if (measured) f.cold_starts += w;
              }
              if (measured) f.invocations += w;
              own[j] = dur;
            } else if (h.kind == HopKind::Stream) {
              Stream& sm = model_.streams[static_cast<std::size_t>(c.ext)];
              const double bytes = sm.record_bytes(tc.bytes);
              if (measured) {
                sm.accepted += w;
                sm.put_units += w * sm.payload_units(bytes);
              }
              own[j] = h.demand->sample(rng);
              if (sm.consumer >= 0) {
                RecordChunk& p = hy.stream_pending[static_cast<std::size_t>(c.ext)];
                p.count += static_cast<double>(w);
                p.bytes = bytes;
              }
              answers = true;
            } else if (h.kind == HopKind::Table) {
              Table& tb = model_.tables[static_cast<std::size_t>(c.ext)];
              const bool write = h.op == DbOp::Write;
              if (measured)
                (write ? tb.write_units_used : tb.read_units_used) +=
                    (write ? tb.write_units : tb.read_units) * static_cast<double>(w);
              own[j] = h.demand->sample(rng);
              if (write && tb.stream >= 0) {
                Stream& ts = model_.streams[static_cast<std::size_t>(tb.stream)];
                if (measured) ts.accepted += w;
                if (ts.consumer >= 0) {
                  RecordChunk& p = hy.stream_pending[static_cast<std::size_t>(tb.stream)];
                  p.count += static_cast<double>(w);
                  p.bytes = tb.write_units * 1024;
                }
              }
            } else if (h.kind == HopKind::Firehose) {
              Firehose& fh = model_.firehoses[static_cast<std::size_t>(c.ext)];
              const double bytes = tc.bytes > 0 ? tc.bytes : 1000;
              const double size = fh.record_size > 0 ? fh.record_size : bytes;
              if (measured) {
                fh.records += w;
                fh.billed_bytes += std::ceil(size / 5000.0) * 5000.0 * static_cast<double>(w);
              }
              RecordChunk& p = hy.firehose_pending[static_cast<std::size_t>(c.ext)];
              p.count += static_cast<double>(w);
              p.bytes = size;
              own[j] = h.demand->sample(rng);
              answers = true;
            } else {
              own[j] = h.demand->sample(rng);
            }
            break;
          }
          case HopKind::Attached:
            HEADROOM_ASSERT(false, "a request reached a volume");
            break;
        }
        if (err != ErrorKind::None || answers) break;
      }
      // Coming back up: each hop's sojourn is its own time and everything below it.
      Duration below = 0;
      const bool failed_down = err != ErrorKind::None;
      for (int j = d; j >= 0; --j) {
        const Hop& h = hops[j];
        const Component& c = model_.components[h.component];
        ComponentState& st = model_.states[h.component];
        const Duration soj = own[j] + below;
        below = soj + 2 * din[j];
        if (h.pool_from >= 0 && !(j == d && failed_down)) {  // a connection is held for the call
          const std::uint16_t pool = hops[h.pool_from].component;
          hy.pool_hold_sum[pool] += static_cast<double>(below) * static_cast<double>(w);
          hy.pool_hold_n[pool] += static_cast<double>(w);
        }
        if (bypass[j]) continue;
        if (j == d && failed_down && err != ErrorKind::ServerError && err != ErrorKind::Timeout)
          continue;  // failed: no answer here
        if (h.kind == HopKind::Function && !(j == d && throttled_fn)) {
          Function& f = model_.functions[static_cast<std::size_t>(c.ext)];
          if (measured)
            f.billed_ms += static_cast<double>(w) *
                           std::ceil(static_cast<double>(soj) / static_cast<double>(kMillisecond));
        }
        if ((h.kind == HopKind::Lb || h.kind == HopKind::Gateway) && err == ErrorKind::None &&
            soj > c.idle_timeout) {
          err = ErrorKind::Timeout;
          if (measured) st.tally.errors += w;
        }
        // A worker is held for the service and the calls below, not while its request queued for
        // it.
        hy.hold_sum[h.component] += static_cast<double>(soj - queued[j]) * static_cast<double>(w);
        hy.hold_n[h.component] += static_cast<double>(w);
        if (measured && err == ErrorKind::None) {
          st.tally.completed += w;
          recorder_.component_latency(h.component, soj, w);
        }
      }
      if (err == ErrorKind::None && model_.timeout > 0 && below > model_.timeout)
        err = ErrorKind::Timeout;
      if (err == ErrorKind::None || attempt >= model_.retries) {
        // With retries the client gives up at its deadline; without, a late answer is a timeout.
        spent += model_.retries > 0 && model_.timeout > 0 && below > model_.timeout ? model_.timeout
                                                                                    : below;
        break;
      }
      // The client retries after an error or at its deadline, with exponential backoff and full
      // jitter (client.cpp): the attempt is sent again through this step's stations, and the
      // step's retried attempts join the stations' flows from the next step on.
      spent +=
          (model_.timeout > 0 && below > model_.timeout ? model_.timeout : below) +
          static_cast<Duration>(rng.uniform01() * std::min(static_cast<double>(model_.backoff_max),
                                                           static_cast<double>(model_.backoff) *
                                                               std::ldexp(1.0, attempt)));
      hy.retried[cls] += static_cast<double>(w);
      if (measured) recorder_.attempt(w);
    }
    const Duration latency = spent;
    if (measured) {
      if (err != ErrorKind::None) count_failure(blame, static_cast<double>(w));
      if (err != ErrorKind::None && blame != kNoFault) records_[static_cast<std::size_t>(blame)].failed_requests += w;
      recorder_.finished(cls, err, latency, w);
    }
    series_.finished(err, latency, w);
    peak_area += latency * static_cast<Duration>(w);
  }
  (void)t;
  peak_in_flight_ = std::max<std::uint64_t>(peak_in_flight_, static_cast<std::uint64_t>(peak_area / kSecond));
}

void Runner::hybrid_deliver(const RecordChunk& chunk, std::uint16_t consumer, SimTime landed, double batches) {
  HybridState& hy = *hybrid_;
  const Function& f = model_.functions[static_cast<std::size_t>(model_.components[consumer].ext)];
  const auto n = static_cast<std::uint64_t>(std::llround(chunk.count));
  const Duration age = chunk.age + (landed - chunk.in);
  for (const OutputOp& op : f.outputs) {
    ComponentState& ost = model_.states[op.component];
    switch (op.kind) {
      case OutputOp::Kind::TableWrite: {
        Table& t = model_.tables[static_cast<std::size_t>(op.index)];
        const double units = chunk.count * t.write_units;
        admit_units(t.write, engine_.now(), 0, units);
        if (engine_.now() >= recorder_.warmup()) t.write_units_used += units;
        if (chunk.measured) {
          recorder_.freshness(op.component, age, n);
          ost.tally.completed += n;
        }
        if (t.stream >= 0) {
          Stream& ts = model_.streams[static_cast<std::size_t>(t.stream)];
          if (chunk.measured) ts.accepted += n;
          if (ts.consumer >= 0)
            hy.stream_chunks[static_cast<std::size_t>(t.stream)].push_back(RecordChunk{age, landed, chunk.count, chunk.bytes, chunk.measured});
        }
        break;
      }
      case OutputOp::Kind::StreamPut: {
        Stream& out = model_.streams[static_cast<std::size_t>(op.index)];
        const double bytes = out.record_size > 0 ? out.record_size : chunk.bytes;
        if (chunk.measured) {
          out.accepted += n;
          out.put_units += n * out.payload_units(bytes);
          recorder_.freshness(op.component, age, n);
        }
        if (out.consumer >= 0)
          hy.stream_chunks[static_cast<std::size_t>(op.index)].push_back(RecordChunk{age, landed, chunk.count, bytes, chunk.measured});
        break;
      }
      case OutputOp::Kind::FirehosePut: {
        Firehose& fh = model_.firehoses[static_cast<std::size_t>(op.index)];
        const double size = fh.record_size > 0 ? fh.record_size : chunk.bytes;
        if (chunk.measured) {
          fh.records += n;
          fh.billed_bytes += std::ceil(size / 5000.0) * 5000.0 * static_cast<double>(n);
        }
        hy.firehose_chunks[static_cast<std::size_t>(op.index)].push_back(RecordChunk{age, landed, chunk.count, size, chunk.measured});
        break;
      }
      case OutputOp::Kind::S3Put:
        if (chunk.measured) recorder_.freshness(op.component, age, n);
        break;
    }
  }
  (void)batches;
}

void Runner::hybrid_pipeline(SimTime t, Duration dt) {
  HybridState& hy = *hybrid_;
  const bool measured = t >= recorder_.warmup();
  for (std::size_t si = 0; si < model_.streams.size(); ++si) {
    Stream& s = model_.streams[si];
    RecordChunk& pending = hy.stream_pending[si];
    if (pending.count > 0) {
      hy.stream_chunks[si].push_back(RecordChunk{0, t + dt / 2, pending.count, pending.bytes, measured});
      pending.count = 0;
    }
    auto& chunks = hy.stream_chunks[si];
    if (s.consumer < 0) {
      chunks.clear();
      continue;
    }
    while (!chunks.empty() && t - chunks.front().in > s.retention) {
      if (chunks.front().measured) s.expired += static_cast<std::uint64_t>(std::llround(chunks.front().count));
      chunks.pop_front();
    }
    double waiting = 0;
    for (const RecordChunk& c : chunks) waiting += c.count;
    if (waiting <= 0) continue;
    Function& f = model_.functions[static_cast<std::size_t>(s.consumer)];
    ComponentState& fst = model_.states[f.component];
    const double shards = static_cast<double>(s.shards.size()), batch = s.batch_size;
    // One invocation's time for a batch of n: the function, its records, its outputs' calls.
    auto batch_time = [&](double n) {
      double d = f.duration.mean_ns() + n * f.per_record.mean_ns();
      for (const OutputOp& op : f.outputs) {
        const Component& oc = model_.components[op.component];
        switch (op.kind) {
          case OutputOp::Kind::TableWrite: d += calls(n, 25) * oc.op.mean_ns(); break;
          case OutputOp::Kind::StreamPut:
          case OutputOp::Kind::FirehosePut: d += calls(n, 500) * oc.op.mean_ns(); break;
          case OutputOp::Kind::S3Put: d += oc.op.mean_ns(); break;
        }
      }
      return std::min(d, static_cast<double>(f.timeout));
    };
    // Each shard has one batch in flight: caught up, it takes what arrived in one poll; behind,
    // it works through full batches back to back.
    const double per_shard = waiting / shards;
    double processed = 0, batches = 0, n = 0;
    if (per_shard <= batch) {
      processed = waiting;
      batches = per_shard >= 1 ? shards : std::ceil(waiting);
      n = waiting / std::max(1.0, batches);
    } else {
      const double full = static_cast<double>(dt) / batch_time(batch);
      processed = std::min(waiting, shards * std::max(1.0, full) * batch);
      batches = processed / batch;
      n = batch;
    }
    const double each = batch_time(n);
    if (measured && !chunks.empty()) {
      const Duration age = t - chunks.front().in;
      s.age_max = std::max(s.age_max, age);
      if (const auto minute = static_cast<std::size_t>(t / kMinute); minute < s.age_per_minute.size())
        s.age_per_minute[minute] = std::max(s.age_per_minute[minute], age);
    }
    // Take `processed` records off the front; each lands a poll wait and a batch after it was
    // there to be read (or after the records ahead of it, when the shard is behind).
    double left = processed, done = 0;
    while (left > 1e-9 && !chunks.empty()) {
      RecordChunk& c = chunks.front();
      const double q = std::min(left, c.count);
      RecordChunk part = c;
      part.count = q;
      const SimTime ready = std::max(t, c.in);
      const auto ahead = static_cast<Duration>(processed > 0 ? done / processed * static_cast<double>(dt) : 0);
      const SimTime landed = ready + s.poll_interval / 2 + ahead + static_cast<Duration>(each);
      hybrid_deliver(part, f.component, landed, batches * q / processed);
      if (part.measured) s.processed += static_cast<std::uint64_t>(std::llround(q));
      c.count -= q;
      left -= q;
      done += q;
      if (c.count <= 1e-9) chunks.pop_front();
    }
    // The consumer's invocations: its latency, throughput, bill and concurrency.
    const auto whole = static_cast<std::uint64_t>(std::llround(batches));
    if (measured) {
      f.invocations += whole;
      fst.tally.completed += whole;
      recorder_.component_latency(f.component, static_cast<Duration>(each), whole);
      f.billed_ms += static_cast<double>(whole) * std::ceil(each / static_cast<double>(kMillisecond));
      f.busy_area += batches * each;
      for (const OutputOp& op : f.outputs)
        if (op.kind == OutputOp::Kind::S3Put) model_.states[op.component].tally.writes += whole;
    }
    const int shown = static_cast<int>(std::ceil(std::min(shards, batches * each / static_cast<double>(dt))));
    if (measured) f.peak = std::max(f.peak, shown);
    if (const auto minute = static_cast<std::size_t>(t / kMinute); minute < f.peak_per_minute.size())
      f.peak_per_minute[minute] = std::max(f.peak_per_minute[minute], static_cast<std::uint32_t>(shown));
  }
  // Firehose: a delivery when the buffer reaches its size or its oldest record its interval.
  for (std::size_t fi = 0; fi < model_.firehoses.size(); ++fi) {
    Firehose& fh = model_.firehoses[fi];
    RecordChunk& pending = hy.firehose_pending[fi];
    auto& chunks = hy.firehose_chunks[fi];
    if (pending.count > 0) {
      chunks.push_back(RecordChunk{0, t + dt / 2, pending.count, pending.bytes, measured});
      pending.count = 0;
    }
    double bytes = 0;
    for (const RecordChunk& c : chunks) bytes += c.count * c.bytes;
    if (chunks.empty()) continue;
    if (bytes < fh.size && fh.interval > 0 && t + dt - chunks.front().in < fh.interval) continue;
    const Component& dest = model_.components[fh.destination];
    ComponentState& dest_st = model_.states[fh.destination];
    const SimTime landed = t + dt + static_cast<Duration>(dest.op.mean_ns());
    for (const RecordChunk& c : chunks)
      if (c.measured) recorder_.freshness(fh.destination, c.age + (landed - c.in), static_cast<std::uint64_t>(std::llround(c.count)));
    const auto deliveries = static_cast<std::uint64_t>(std::max(1.0, std::floor(bytes / fh.size)));
    if (measured) {
      fh.deliveries += deliveries;
      dest_st.tally.writes += deliveries;
    }
    chunks.clear();
    fh.bytes = 0;
  }
}

void Runner::hybrid_zoom(SimTime t) {
  HybridState& hy = *hybrid_;
  if (hy.zoom_next >= hy.zoom.size()) return;
  const auto [from, to] = hy.zoom[hy.zoom_next];
  if (!hy.zoomed && t >= from) {
    zoom_in(t, to);
  } else if (hy.zoomed && t >= to) {
    zoom_out(t);
    ++hy.zoom_next;
  }
}

void Runner::zoom_in(SimTime t, SimTime to) {
  HybridState& hy = *hybrid_;
  hy.zoomed = true;
  zoomed_.emplace_back(t, to);
  // The clients: a fresh Poisson process over the window (memoryless, so nothing is lost by
  // starting it here); each arrival schedules the next, and the process stops at `to`.
  arrivals_.restart(t, to);
  if (const SimTime first = arrivals_.next(); first != kNever) engine_.schedule_at(first, kArrival, 0, 0);
  // Lambda's environments: the hybrid's warm ones (busy a moment ago, or idle since when they
  // went idle) become the per-request warm pool, so the window does not start with a burst of
  // cold starts. Nothing runs per request yet.
  for (std::size_t fi = 0; fi < model_.functions.size(); ++fi) {
    Function& f = model_.functions[fi];
    const int limit = f.reserved > 0 ? f.reserved : model_.lambda.limit;
    f.busy = f.prov_busy = 0;
    f.idle.clear();
    for (const auto& [at, n] : hy.idle[fi])
      for (long k = std::lround(n); k > 0 && static_cast<int>(f.idle.size()) < limit; --k) f.idle.push_back(at);
    for (long k = std::lround(hy.envs[fi]); k > 0 && static_cast<int>(f.idle.size()) < limit; --k) f.idle.push_back(t);
    f.busy_since = t;
  }
  model_.lambda.unreserved_busy = 0;
}

void Runner::zoom_out(SimTime t) {
  HybridState& hy = *hybrid_;
  hy.zoomed = false;
  // Back to steps: requests in flight finish as events; the per-request warm pool becomes the
  // hybrid's environments (the next step returns what it does not need to the idle stack).
  for (std::size_t fi = 0; fi < model_.functions.size(); ++fi) {
    Function& f = model_.functions[fi];
    expire_environments(f, t);
    hy.envs[fi] = static_cast<double>(std::max(0, f.busy - f.prov_busy)) + static_cast<double>(f.idle.size());
    hy.idle[fi].clear();
  }
}

void Runner::hybrid_step() {
  HybridState& hy = *hybrid_;
  const SimTime t = engine_.now();
  hybrid_zoom(t);
  const Duration dt = hybrid_step_length(t);
  if (dt <= 0) return;
  const bool measured = t >= recorder_.warmup();
  if (hy.zoomed) {
    // Inside a zoom window the clients' requests are events. The step only drains what the
    // fluid data plane left behind: the stations' backlogs (at the pace they were served) and
    // the records on the pipelines.
    hybrid_targets();
    hybrid_flows(0);
    hybrid_stations(t, dt, measured);
    hybrid_pipeline(t, dt);
    ++hy.steps;
    if (t + dt < recorder_.end()) engine_.schedule_at(t + dt, kStep, 0, 0);
    return;
  }
  // The mean rate over the step (trapezoid): exact for the piecewise-linear curves.
  const double rate = 0.5 * (arrivals_.rate_at(t) + arrivals_.rate_at(t + dt));
  hybrid_targets();
  hybrid_flows(rate);
  hybrid_pools(dt, measured);
  // What reaches a pooled database is what its pools serve this step: with pools, the flows
  // again at the pass just computed, so that no call is both in a pool's backlog and below it.
  if (hy.pooled) hybrid_flows(rate);
  hybrid_stations(t, dt, measured);
  hybrid_replication(dt, measured);
  hybrid_serverless(t, dt, measured);
  hybrid_functions(t, dt, measured);
  std::fill(hy.hold_sum.begin(), hy.hold_sum.end(), 0.0);
  std::fill(hy.hold_n.begin(), hy.hold_n.end(), 0.0);
  for (std::uint16_t k = 0; k < model_.classes.size(); ++k) {
    const std::uint64_t n = take_whole(hy.carry[k], rate * model_.classes[k].share * to_seconds(dt));
    hy.retried[k] = 0;
    if (measured) {
      recorder_.offered(n);
      recorder_.attempt(n);
    }
    series_.offered(n);
    hybrid_sample(k, n, t, measured);
    hy.retry_ratio[k] = n > 0 ? hy.retried[k] / static_cast<double>(n) : 0;
  }
  for (std::size_t c = 0; c < hy.hold_mean.size(); ++c)
    if (hy.hold_n[c] > 0) hy.hold_mean[c] = hy.hold_sum[c] / hy.hold_n[c];
  hybrid_pipeline(t, dt);
  ++hy.steps;
  if (t + dt < recorder_.end()) engine_.schedule_at(t + dt, kStep, 0, 0);
}

}  // namespace headroom
