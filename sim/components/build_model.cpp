// ScenarioSpec -> Model: the traffic classes, then each component through its kind's build step
// (sim/components/<kind>.cpp), then the links between components and the compiled paths. Random
// streams are per component and purpose, keyed by the component's name (spec.md §7).
#include "components/build_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "components/kind.hpp"
#include "headroom/core/assert.hpp"
#include "headroom/core/diagnostics.hpp"

namespace headroom {
namespace {

/// Managed regional services: reached without an AZ-to-AZ hop delay.
bool regional(HopKind k) {
  return k == HopKind::Store || k == HopKind::Table || k == HopKind::Stream || k == HopKind::Firehose ||
         k == HopKind::Function || k == HopKind::Gateway;
}

/// A hop that answers its caller with data rather than the page: a query's result, a lookup's
/// value, an item, a put's acknowledgement.
bool answers_data(HopKind k) {
  return k == HopKind::Db || k == HopKind::Cache || k == HopKind::Table || k == HopKind::Stream ||
         k == HopKind::Firehose;
}

/// What a query, a key or a put's acknowledgement weighs on the wire: a few hundred bytes
/// (sources.md §12, an estimate).
constexpr double kQueryBytes = 200;

/// A database hop takes its connection from the pool of the ec2 hop that calls it (calling_hop).
/// Notes on the components which database each pool calls.
void lend_connections(Model& m, TrafficClass& tc) {
  for (std::size_t i = 0; i < tc.hops.size(); ++i) {
    if (tc.hops[i].kind != HopKind::Db) continue;
    const std::size_t j = calling_hop(tc, i);
    if (j == i) continue;  // called by nobody, so through no pool
    Component& c = m.components[tc.hops[j].component];
    if (tc.hops[j].kind == HopKind::Pool && c.count > 0 && m.instances[c.first].pool > 0) {
      tc.hops[i].pool_from = static_cast<std::int8_t>(j);
      c.pool_db = static_cast<std::int32_t>(tc.hops[i].component);  // validate: one database per pool
    }
  }
}

/// An EC2 pool's answer, a database's result to a read and a cache's value on a hit leave
/// through the instance's NIC (topology/nic.hpp): its transmission at either bandwidth, once per
/// class, so that a request only looks it up. A pool the internet reaches directly (the first
/// real hop, or a CloudFront origin) sends its answers out of the Region, at no more than that
/// traffic's share (sources.md §1c). Needs the hops sized.
void time_transmissions(const Model& m, TrafficClass& tc) {
  for (std::size_t i = 0; i < tc.hops.size(); ++i) {
    Hop& h = tc.hops[i];
    const Component& c = m.components[h.component];
    // A write's answer is an acknowledgement, too small to count.
    const bool sends = h.kind == HopKind::Pool || h.kind == HopKind::Cache || (h.kind == HopKind::Db && h.op != DbOp::Write);
    if (!sends || c.nic_bps <= 0 || h.response_bytes <= 0) continue;
    if (h.kind != HopKind::Pool && i > 0 && c.count > 0 && m.instances[c.first].guest) {
      // A co-located store answering the application on its own box answers over the loopback,
      // not the wire; called from elsewhere, it sends through its host's NIC.
      std::size_t j = i - 1;
      while (j > 0 && answers_data(tc.hops[j].kind)) --j;
      const Component& caller = m.components[tc.hops[j].component];
      if (caller.count > 0 && m.instances[caller.first].cpu == m.instances[c.first].cpu) continue;
    }
    const bool internet = h.kind == HopKind::Pool && (i == first_real_hop(tc) || (i > 0 && tc.hops[i - 1].kind == HopKind::Edge));
    const double cap = internet ? c.nic_internet_bps : c.nic_burst_bps;
    const double bits = h.response_bytes * 8;
    h.nic_ns = std::max<Duration>(1, std::llround(bits / std::min(c.nic_bps, cap) * 1e9));
    h.nic_burst_ns = std::max<Duration>(1, std::llround(bits / std::min(c.nic_burst_bps, cap) * 1e9));
  }
}

/// The bytes of each hop of `tc`, whose path is compiled: the client's request and the page
/// travel between the client and the hop that makes the page (the last hop that is not a data
/// store: the application, a function, an S3 origin); each data store beyond it is sent a
/// query and answers its result (a put sends its record).
void size_hops(const ScenarioSpec& spec, const ClassSpec& cls, TrafficClass& tc) {
  std::size_t page = 0;
  for (std::size_t i = 0; i < tc.hops.size(); ++i)
    if (!answers_data(tc.hops[i].kind) && !std::holds_alternative<NatGatewaySpec>(spec.components[tc.hops[i].component].kind))
      page = i;  // an outside service's answer through a NAT gateway is data for the page, not the page
  for (std::size_t i = 0; i < tc.hops.size(); ++i) {
    Hop& h = tc.hops[i];
    const ComponentSpec& cs = spec.components[h.component];
    if (h.kind == HopKind::Dns) continue;  // a DNS lookup is no HTTP exchange
    if (i <= page) {
      h.request_bytes = cls.request_bytes;
      h.response_bytes = cls.bytes;
      continue;
    }
    h.request_bytes = h.response_bytes = kQueryBytes;
    // By field, not by kind: a database's or cache's result, a table's item, a stream's record.
    std::visit(
        [&](const auto& s) {
          if constexpr (requires { s.request_size; }) h.request_bytes = s.request_size;
          if constexpr (requires { s.result_size; }) h.response_bytes = s.result_size;
          else if constexpr (requires { s.item_size; }) h.response_bytes = s.item_size;
          else if constexpr (requires { s.record_size; })
            h.request_bytes = s.record_size > 0 ? s.record_size : cls.bytes > 0 ? cls.bytes : 1000;
        },
        cs.kind);
  }
}

/// The classes' names, shares and bytes (their paths are compiled once every component exists).
void compile_classes(const ScenarioSpec& spec, Model& m) {
  double cumulative = 0;
  for (const auto& cls : spec.traffic) {
    TrafficClass tc;
    tc.name = cls.name;
    tc.share = cls.share;
    cumulative += cls.share;
    tc.cumulative = cumulative;
    tc.bytes = cls.bytes;
    m.classes.push_back(std::move(tc));
  }
  if (!m.classes.empty()) m.classes.back().cumulative = 1.0;
}

}  // namespace

Model build_model(const ScenarioSpec& spec, std::uint64_t seed) {
  // Every path to a simulation passes here: a fragment has no components or paths to build.
  if (spec.fragment)
    throw InputError(fmt::format("{}: this file is a fragment that scenarios include (fragment: true), not a "
                                 "scenario to run: run one that includes it",
                                 spec.file));
  Model m;
  m.same_az = spec.network.same_az;
  m.cross_az = spec.network.cross_az;
  m.rtt = spec.client.rtt;
  m.timeout = spec.client.timeout;
  m.retries = spec.client.retries;
  m.backoff = spec.client.backoff;
  m.backoff_max = spec.client.backoff_max;
  m.components.reserve(spec.components.size());

  BuildContext b(m, spec, seed);
  const ComponentRegistry& kinds = component_registry();
  compile_classes(spec, m);
  // Hosts first: a co-located database or cache shares an instance that must already exist.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < spec.components.size(); ++i)
    if (kinds.at(spec.components[i].type).hop == HopKind::Pool) order.push_back(i);
  for (std::size_t i = 0; i < spec.components.size(); ++i)
    if (kinds.at(spec.components[i].type).hop != HopKind::Pool) order.push_back(i);
  m.components.resize(spec.components.size());
  m.states.resize(spec.components.size());

  for (std::size_t ci : order) {
    const ComponentSpec& cs = spec.components[ci];
    const ComponentKind& kind = kinds.at(cs.type);
    const auto id = static_cast<std::uint16_t>(ci);
    Component c;
    c.name = cs.name;
    c.type = cs.type;
    c.kind = kind.hop;
    ComponentState& s = m.states[ci];
    s.service_rng = b.stream(cs, "service");
    s.route_rng = b.stream(cs, "route");
    s.hit_rng = b.stream(cs, "hits");
    s.apply_rng = b.stream(cs, "apply");
    s.io_rng = b.stream(cs, "io");
    c.first = static_cast<std::uint32_t>(m.instances.size());
    kind.build(b, cs, id, c);
    c.count = static_cast<std::uint32_t>(m.instances.size()) - c.first;
    if (kind.hop == HopKind::Db && c.count > 1) s.replicas.resize(c.count - 1);  // one stream per read replica
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
      if (m.instances[i].cpu < m.cpus.size()) c.total_cores += m.cpus[m.instances[i].cpu].cores;
    s.alive = 0;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) s.alive += m.instances[i].alive ? 1 : 0;
    s.tally.alive_min = s.tally.alive_max = s.billed = s.alive;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) s.billed_spot += m.instances[i].spot ? 1 : 0;
    s.scaling.desired = c.scaling.initial;
    m.components[ci] = std::move(c);
  }
  // Every function draws on the account's unreserved pool unless it reserves its own.
  int reserved = 0;
  for (const auto& f : m.functions) reserved += f.reserved;
  m.lambda.unreserved_limit = m.lambda.limit - reserved;
  for (std::size_t ci = 0; ci < spec.components.size(); ++ci)
    if (const ComponentKind& kind = kinds.at(spec.components[ci].type); kind.link)
      kind.link(b, spec.components[ci], static_cast<std::uint16_t>(ci));
  for (auto& s : m.streams) s.age_per_minute.assign(static_cast<std::size_t>(spec.duration / kMinute) + 1, 0);

  m.az_down.assign(m.azs.size(), false);
  auto make_hop = [&](std::uint16_t comp, const std::string& op, std::size_t k) {
    Hop h;
    h.component = comp;
    auto& c = m.components[comp];
    h.kind = c.kind;
    switch (c.kind) {
      case HopKind::Pool: h.demand = c.by_class.empty() ? &c.cpu : &c.by_class[k]; break;
      case HopKind::Db:
        h.op = op == "write" ? DbOp::Write : DbOp::Read;
        h.demand = h.op == DbOp::Write ? &c.write : &c.read;
        break;
      case HopKind::Store:
      case HopKind::Table:
      case HopKind::Stream:
      case HopKind::Firehose:
        h.op = op == "write" || op == "put" ? DbOp::Write : DbOp::Read;
        h.demand = &c.op;
        break;
      case HopKind::Function: h.demand = &c.cpu; break;
      case HopKind::Gateway: h.demand = &c.op; break;
      case HopKind::Cache:
      case HopKind::Edge:
      case HopKind::Dns: h.demand = &c.op; break;
      case HopKind::Lb: break;
      case HopKind::Attached: HEADROOM_ASSERT(false, "validated path through an attached kind"); break;
    }
    return h;
  };
  for (std::size_t k = 0; k < spec.traffic.size(); ++k) {
    auto& tc = m.classes[k];
    for (const auto& hs : spec.traffic[k].path) tc.hops.push_back(make_hop(b.id_of(hs.component), hs.op, k));
    // A cache or CDN at the end of a path sends its misses to its origin: on a hit the request
    // ends there anyway, so appending the origin as the next hop is the same thing.
    for (;;) {
      const std::string& last = m.components[tc.hops.back().component].name;
      const ComponentSpec* cs = spec.find(last);
      const std::string& origin = cs->origin();
      if (origin.empty()) break;
      tc.hops.push_back(make_hop(b.id_of(origin), "read", k));
      // A balancer as origin routes on to its targets, as it would in a path.
      if (tc.hops.back().kind == HopKind::Lb)
        tc.hops.push_back(make_hop(m.components[tc.hops.back().component].lb_target, "", k));
      HEADROOM_ASSERT(tc.hops.size() <= static_cast<std::size_t>(kMaxDepth), "origin chain deeper than kMaxDepth");
    }
    HEADROOM_ASSERT(!tc.hops.empty() && tc.hops.size() <= static_cast<std::size_t>(kMaxDepth),
                    "path empty or deeper than kMaxDepth");
    tc.hops.back().last = true;
    lend_connections(m, tc);
    size_hops(spec, spec.traffic[k], tc);
    time_transmissions(m, tc);
    // Fixed delays: the client's half round trip to the first real hop (a CDN edge's when the
    // path starts at one), nothing to reach DNS or a regional managed service, and the edge's
    // round trip to the region for a CDN's origin (client and edge are close; the region is not).
    std::size_t first_real = tc.hops[0].kind == HopKind::Dns && tc.hops.size() > 1 ? 1 : 0;
    if (first_real == 1) tc.hops[0].in_delay = 0;
    const Hop& entry = tc.hops[first_real];
    const Duration edge_rtt = entry.kind == HopKind::Edge ? m.components[entry.component].edge_rtt : m.rtt;
    tc.hops[first_real].in_delay = edge_rtt / 2;
    for (std::size_t i = first_real + 1; i < tc.hops.size(); ++i) {
      if (tc.hops[i - 1].kind == HopKind::Edge) tc.hops[i].in_delay = std::max<Duration>(0, m.rtt - edge_rtt) / 2;
      else if (regional(tc.hops[i].kind)) tc.hops[i].in_delay = 0;
    }
  }
  return m;
}

}  // namespace headroom
