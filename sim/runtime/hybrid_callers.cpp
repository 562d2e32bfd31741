// The hybrid engine's callers' bound on what waits below them. A request an ec2 tier with
// `workers` passes down — to a tier behind it, a database, a cache node — holds its worker until
// the answer is back, and a pooled query holds its connection (pool.cpp): no more calls can be at
// a station at once than its callers' workers (less those busy on their own cores) or their pools'
// connections. Per request the excess never leaves the callers: it waits in their queues, and
// their queue limits refuse what does not fit there. A fluid station below saturated callers
// would otherwise pile up a backlog without bound; the callers' measured hold times (its wait
// included) then cut what they pass on, the backlog drains, the station idles, and the loop
// averages below the station's capacity (a cache node's NIC: 531 answers a second where per
// request it sends 625, tests/validation/node_nic_test.cpp). So what a station would hold beyond
// its callers' bound goes back to their backlogs — a pool's, for a pooled query (hybrid_pool.cpp),
// or the calling instances' — and is served again from there. Approximations (docs/design.md,
// "Where it is weakest"): the bound is per component, so each instance of a fleet may hold all of
// it; a call handed back is served again by its caller's CPU (its own work counted twice, for the
// calls handed back only).
#include <algorithm>
#include <limits>

#include "runtime/runner.hpp"

namespace headroom {

void Runner::hybrid_callers_start() {
  HybridState& hy = *hybrid_;
  const std::size_t nc = model_.components.size();
  hy.open.assign(nc, 0);
  hy.bounds_below.assign(nc, 0);
  hy.in_flight.assign(nc, std::numeric_limits<double>::infinity());
  hy.returned.assign(model_.instances.size(), 0);
  hy.edges.clear();
  hy.edge_of.resize(model_.classes.size());
  for (std::size_t k = 0; k < model_.classes.size(); ++k) {
    const auto& hops = model_.classes[k].hops;
    hy.edge_of[k].assign(hops.size(), -1);
    for (std::size_t i = 0; i < hops.size(); ++i) {
      const Hop& h = hops[i];
      if (h.kind != HopKind::Pool && h.kind != HopKind::Db && h.kind != HopKind::Cache) continue;
      CallEdge e{0, h.component, false};
      if (h.pool_from >= 0) {
        e.caller = hops[static_cast<std::size_t>(h.pool_from)].component;
        e.pooled = true;
      } else {
        const std::size_t j = calling_hop(model_.classes[k], i);
        const Component& c = model_.components[hops[j].component];
        // Called by the clients, a balancer they reach, CloudFront, a function or a tier
        // without a worker limit: nothing bounds what waits here.
        if (j == i || hops[j].kind != HopKind::Pool || c.count == 0 ||
            model_.instances[c.first].workers == kUnlimited) {
          hy.open[h.component] = 1;
          continue;
        }
        e.caller = hops[j].component;
      }
      auto at = std::find_if(hy.edges.begin(), hy.edges.end(), [&](const CallEdge& x) {
        return x.caller == e.caller && x.callee == e.callee && x.pooled == e.pooled;
      });
      if (at == hy.edges.end()) at = hy.edges.insert(hy.edges.end(), e);
      hy.edge_of[k][i] = static_cast<int>(at - hy.edges.begin());
    }
  }
  hy.edge_flow.assign(hy.edges.size(), 0);
  for (const CallEdge& e : hy.edges)
    if (!e.pooled && !hy.open[e.callee]) hy.bounds_below[e.caller] = 1;
}

void Runner::hybrid_bounds() {
  // Their workers or connections alive: O(callers) a step. The workers at work on the callers'
  // own cores come off only where a station reaches this bound (hybrid_room).
  HybridState& hy = *hybrid_;
  for (std::size_t c = 0; c < model_.components.size(); ++c)
    hy.in_flight[c] = hy.open[c] ? std::numeric_limits<double>::infinity() : 0.0;
  for (const CallEdge& e : hy.edges) {
    if (hy.open[e.callee]) continue;
    const Instance& first = model_.instances[model_.components[e.caller].first];
    const double alive = static_cast<double>(model_.states[e.caller].alive);
    hy.in_flight[e.callee] += alive * (e.pooled ? first.pool : first.workers);
  }
  hy.any_returned = false;
}

double Runner::hybrid_room(std::uint16_t callee) const {
  // hybrid_bounds' figure less the workers busy on their own cores this step (their offered work,
  // core-s/s, up to their cores): those are not at the station. A pooled call holds its
  // connection only while it is at the database.
  const HybridState& hy = *hybrid_;
  double room = hy.in_flight[callee];
  for (const CallEdge& e : hy.edges) {
    if (e.callee != callee || e.pooled) continue;
    const Component& c = model_.components[e.caller];
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
      if (const Instance& in = model_.instances[i]; in.alive)
        room -= std::min({hy.work[i], static_cast<double>(model_.cpus[in.cpu].cores), static_cast<double>(in.workers)});
  }
  return std::max(0.0, room);
}

void Runner::defer_to_callers(std::uint16_t callee, double calls) {
  // Shared by the callers in proportion to what each sent it this step (equally when none did,
  // as inside a zoom window), and within a tier by its instances' arrivals.
  HybridState& hy = *hybrid_;
  double total = 0, alive_edges = 0;
  for (std::size_t e = 0; e < hy.edges.size(); ++e)
    if (hy.edges[e].callee == callee && model_.states[hy.edges[e].caller].alive > 0) {
      total += hy.edge_flow[e];
      ++alive_edges;
    }
  if (alive_edges == 0) return;  // what waited for callers that died died with them
  for (std::size_t e = 0; e < hy.edges.size(); ++e) {
    const CallEdge& edge = hy.edges[e];
    if (edge.callee != callee || model_.states[edge.caller].alive == 0) continue;
    const double part = calls * (total > 0 ? hy.edge_flow[e] / total : 1 / alive_edges);
    if (edge.pooled) {
      hy.pool_backlog[edge.caller] += part;
      continue;
    }
    const Component& c = model_.components[edge.caller];
    double arrivals = 0, alive = 0;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
      if (model_.instances[i].alive) arrivals += hy.arrivals[i], ++alive;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
      if (model_.instances[i].alive) hy.returned[i] += part * (arrivals > 0 ? hy.arrivals[i] / arrivals : 1 / alive);
    hy.any_returned = true;
  }
}

}  // namespace headroom
