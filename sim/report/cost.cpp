// compute_cost(): what a run's measured window costs at the catalog's on-demand prices. Every
// price comes from the catalog (scenarios/catalog/us-east-1.yaml), which cites the section and
// confidence of docs/sources.md for each; the billing rules cite it here.
#include "report/cost.hpp"

#include <algorithm>
#include <array>

#include "headroom/core/assert.hpp"
#include "headroom/core/money.hpp"
#include "headroom/model/catalog.hpp"
#include "model/model.hpp"

namespace headroom {
namespace {

constexpr double kGB = 1e9;  // spec.md §2: sizes are powers of 1000
constexpr std::array<const char*, 14> kServices = {
    "ec2",    "rds",        "elasticache", "elb",     "cloudfront",    "s3",          "route53",
    "dynamodb", "lambda", "apigateway", "kinesis", "firehose", "data_transfer", "public_ipv4"};

/// Line items, each rounded once to a micro-dollar, summed exactly.
struct Bill {
  std::map<std::string, Money> by_service, by_component;
  Money total;
  void add(const std::string& service, const std::string& component, double usd) {
    HEADROOM_ASSERT(by_service.count(service) == 1, "cost: unknown service " + service);
    const Money m = Money::from_usd(usd);
    by_service[service] += m;
    by_component[component] += m;
    total += m;
  }
};

/// The first hop a client reaches over the internet: DNS resolution is not one.
std::size_t first_real_hop(const TrafficClass& tc) {
  return tc.hops.size() > 1 && tc.hops[0].kind == HopKind::Dns ? 1 : 0;
}

/// The share of the response bytes reaching `comp` that it sends to the internet (it is the
/// first real hop), in expectation: each class's requests weighted by share × bytes and thinned
/// by the hit ratios of the caches and edges before each hop. Exactly 1 (or 0) for a component
/// that is always (or never) a first hop, which covers every bundled scenario.
double internet_share(const Model& m, std::uint16_t comp) {
  double first = 0, all = 0;
  for (const TrafficClass& tc : m.classes) {
    double reach = tc.share * tc.bytes;
    for (std::size_t i = 0; i < tc.hops.size(); ++i) {
      const Hop& h = tc.hops[i];
      if (h.component == comp) {
        all += reach;
        if (i == first_real_hop(tc)) first += reach;
      }
      if ((h.kind == HopKind::Cache || h.kind == HopKind::Edge) && !h.last)
        reach *= 1 - m.components[h.component].hit_ratio;
    }
  }
  return all > 0 ? first / all : 0;
}

/// An EC2 pool that the internet reaches directly needs public addresses: the first real hop of
/// a path (the day-1 Elastic IP) or a CloudFront origin (a custom origin is fetched over the
/// internet). Behind an ELB it needs none.
bool internet_facing_pool(const Model& m, std::uint16_t comp) {
  for (const TrafficClass& tc : m.classes)
    for (std::size_t i = 0; i < tc.hops.size(); ++i)
      if (tc.hops[i].component == comp &&
          (i == first_real_hop(tc) || (i > 0 && tc.hops[i - 1].kind == HopKind::Edge)))
        return true;
  return false;
}

/// The share of a Route 53 component's queries that are billed. Alias records to an ALB,
/// CloudFront or S3 answer free (sources.md §10, T); a record for an instance's address is a
/// standard query.
double billed_query_share(const Model& m, std::uint16_t comp) {
  double billed = 0, all = 0;
  for (const TrafficClass& tc : m.classes) {
    if (tc.hops.size() < 2 || tc.hops[0].component != comp) continue;
    all += tc.share;
    const Component& next = m.components[tc.hops[1].component];
    const bool alias = next.kind == HopKind::Lb || next.kind == HopKind::Edge || next.type == "s3";
    if (!alias) billed += tc.share;
  }
  return all > 0 ? billed / all : 0;
}

/// CloudFront's data transfer out for a month of `gb`, through its volume tiers (sources.md §5:
/// 10 TB, 40 TB, 100 TB, 350 TB, 524 TB, 4 PB, then the rest; 1 TB = 1,000 GB here, as every
/// size in headroom).
double cloudfront_transfer_month(const PriceCatalog& cat, double gb) {
  static constexpr std::array<std::pair<const char*, double>, 7> kTiers = {{
      {"transfer_out", 10e3},
      {"transfer_out_next_40tb", 40e3},
      {"transfer_out_next_100tb", 100e3},
      {"transfer_out_next_350tb", 350e3},
      {"transfer_out_next_524tb", 524e3},
      {"transfer_out_next_4pb", 4096e3},
      {"transfer_out_over_5pb", 1e300},
  }};
  double usd = 0, left = gb;
  for (const auto& [key, size] : kTiers) {
    const double in_tier = std::min(left, size);
    usd += in_tier * cat.rate("cloudfront", key);
    left -= in_tier;
    if (left <= 0) break;
  }
  return usd;
}

const InstanceType& instance_type(const std::string& name, InstanceFamily family) {
  const InstanceType* t = find_instance(name, family);
  HEADROOM_ASSERT(t != nullptr, "cost: validated instance type missing from the catalog: " + name);
  return *t;
}

}  // namespace

CostReport compute_cost(const ScenarioSpec& spec, const Model& model, SimTime warmup, SimTime end) {
  const PriceCatalog& cat = price_catalog();
  auto rate = [&](const char* service, const char* key) { return cat.rate(service, key); };
  const double hours =
      std::max<double>(0, static_cast<double>(end - warmup)) / static_cast<double>(kHour);
  const double seconds = hours * 3600;
  const double month_hours = rate("billing", "hours_per_month");
  const double months = hours / month_hours;  // for per-month prices, pro rata

  Bill bill;
  double spot_savings = 0;
  for (const char* s : kServices) bill.by_service[s] = Money{};
  for (const auto& c : model.components) bill.by_component[c.name] = Money{};

  for (std::size_t i = 0; i < model.components.size() && hours > 0; ++i) {
    const Component& c = model.components[i];
    const ComponentSpec& cs = spec.components[i];
    const auto id = static_cast<std::uint16_t>(i);
    const std::string& n = c.name;

    if (const auto* ec2 = std::get_if<Ec2Spec>(&cs.kind)) {
      // Per-second billing of the instance-time alive (sources.md §1). Linux has a 60 s minimum
      // per launch: it never binds for a fixed fleet, but Auto Scaling must apply it to every
      // instance it launches and terminates within a minute.
      const double price = instance_type(ec2->instance, InstanceFamily::Ec2).usd_per_hour;
      const double spot_hours = c.spot_area / static_cast<double>(kHour);
      const double on_demand_hours = c.billed_area / static_cast<double>(kHour) - spot_hours;
      // Spot at the scenario's discount off on-demand (sources.md §11e); the savings are what the
      // same hours would have cost on-demand.
      // With a price trace the Spot hours were priced as they ran (Model::spot_usd).
      const double spot_cost = c.spot_price.empty() ? spot_hours * price * (1 - c.spot_discount) : c.spot_usd;
      bill.add("ec2", n, on_demand_hours * price + spot_cost);
      spot_savings += spot_hours * price - spot_cost;
      // One public IPv4 per instance reached from the internet (sources.md §10, O). An Elastic IP
      // is billed attached or idle, so for the instances provisioned, alive or not.
      if (internet_facing_pool(model, id))
        bill.add("public_ipv4", n, c.count * hours * rate("public_ipv4", "address_hour"));
    } else if (const auto* rds = std::get_if<RdsSpec>(&cs.kind); rds && rds->host.empty()) {
      // (A co-located database runs on its host: the host's instance is the whole bill.)
      // A DB instance bills while it exists, failing over or not: the primary, a Multi-AZ
      // standby (sources.md §2a, O: "billed per DB instance-hour for both the primary and
      // standby") and each read replica (a DB instance of its own).
      const int instances = 1 + (rds->multi_az ? 1 : 0) + rds->read_replicas;
      const InstanceType& t = instance_type(rds->instance, InstanceFamily::Rds);
      bill.add("rds", n, instances * hours * t.hourly_usd(rds->engine));
      // Storage per GB-month provisioned, for the standby too (sources.md §2a, O); a replica
      // keeps its own copy (E).
      bill.add("rds", n, instances * rds->storage / kGB * months * rate("rds", "storage_gp3"));
    } else if (const auto* cache = std::get_if<CacheSpec>(&cs.kind); cache && cache->host.empty()) {
      // Per node-hour, every node (sources.md §3, O*).
      const InstanceType& t = instance_type(cache->node, InstanceFamily::ElastiCache);
      bill.add("elasticache", n, cache->nodes * hours * t.hourly_usd(cache->engine));
    } else if (std::holds_alternative<ElbSpec>(cs.kind)) {
      bill.add("elb", n, hours * rate("elb", "alb_hour"));
      // LCUs: the largest of four dimensions (sources.md §4), over the period's averages (AWS
      // takes the maximum hour by hour; a curve that peaks costs a little more than this).
      // Conservatively one new connection per request: clients that keep connections alive
      // open fewer. Each connection lives less than a minute, so the active connections in a
      // minute are the requests in it. One rule per request: under the 10 free ones.
      const double per_s = static_cast<double>(c.ops) / seconds;
      const double rules = std::max(0.0, 1 - rate("elb", "free_rules_per_request"));
      const double lcus = std::max({per_s / rate("elb", "lcu_new_connections"),
                                    per_s * 60 / rate("elb", "lcu_active_connections"),
                                    c.bytes / kGB / hours / rate("elb", "lcu_processed_bytes"),
                                    per_s * rules / rate("elb", "lcu_rule_evaluations")});
      bill.add("elb", n, lcus * hours * rate("elb", "lcu_hour"));
      // One public IPv4 per node, one node per enabled AZ (sources.md §10, T/E).
      bill.add("public_ipv4", n, c.count * hours * rate("public_ipv4", "address_hour"));
    } else if (std::holds_alternative<CloudFrontSpec>(cs.kind)) {
      // Every response leaves through the edge, hit or miss: the bytes of all requests that
      // reached it. Origin fetches from AWS origins are free (sources.md §5, O).
      // The tiers apply to a month's volume: the period's bytes are projected to a month,
      // priced through the tiers, and the month's bill brought back to the period.
      const double month_gb = c.bytes / kGB * month_hours / hours;
      bill.add("cloudfront", n, cloudfront_transfer_month(cat, month_gb) * hours / month_hours);
      bill.add("cloudfront", n,
               static_cast<double>(c.ops) / 1e4 * rate("cloudfront", "https_requests"));
    } else if (const auto* s3 = std::get_if<S3Spec>(&cs.kind)) {
      bill.add("s3", n, s3->size / kGB * months * rate("s3", "storage"));
      bill.add("s3", n, static_cast<double>(c.reads) / 1000 * rate("s3", "get_requests"));
      bill.add("s3", n, static_cast<double>(c.writes) / 1000 * rate("s3", "put_requests"));
    } else if (std::holds_alternative<Route53Spec>(cs.kind)) {
      // One hosted zone, pro rata; one query per request (resolvers cache answers, so this is
      // an upper bound).
      bill.add("route53", n, months * rate("route53", "hosted_zone"));
      const double queries = static_cast<double>(c.ops) * billed_query_share(model, id);
      bill.add("route53", n, queries / 1e6 * rate("route53", "queries"));
    } else if (const auto* ddb = std::get_if<DynamoSpec>(&cs.kind)) {
      const Table& t = model.tables[static_cast<std::size_t>(c.ext)];
      if (ddb->mode == "provisioned") {
        bill.add("dynamodb", n,
                 hours * (ddb->rcu * rate("dynamodb", "provisioned_read") +
                          ddb->wcu * rate("dynamodb", "provisioned_write")));
      } else {
        // The request units consumed: a read unit per 4 KB (half when eventually consistent),
        // a write unit per 1 KB (sources.md §6, O).
        bill.add("dynamodb", n, t.read_units_used / 1e6 * rate("dynamodb", "on_demand_reads"));
        bill.add("dynamodb", n, t.write_units_used / 1e6 * rate("dynamodb", "on_demand_writes"));
      }
      bill.add("dynamodb", n, ddb->storage / kGB * months * rate("dynamodb", "storage"));
    } else if (const auto* fn = std::get_if<LambdaSpec>(&cs.kind)) {
      // Requests, and GB-seconds of execution billed per ms (init included); provisioned
      // concurrency pays for its environments all along and less per executed second
      // (sources.md §7a). The free tier is per account: not applied.
      const Function& f = model.functions[static_cast<std::size_t>(c.ext)];
      bill.add("lambda", n, static_cast<double>(f.invocations) / 1e6 * rate("lambda", "requests"));
      const double gb_s = f.memory_gb * f.billed_ms / 1000;
      bill.add("lambda", n, gb_s * rate("lambda", fn->arch == "arm64" ? "gb_second_arm" : "gb_second_x86"));
      bill.add("lambda", n, f.memory_gb * f.billed_ms_provisioned / 1000 * rate("lambda", "provisioned_executed_gb_second"));
      bill.add("lambda", n, f.memory_gb * fn->provisioned * seconds * rate("lambda", "provisioned_gb_second"));
    } else if (const auto* api = std::get_if<ApiGatewaySpec>(&cs.kind)) {
      // Per request served, at the first tier's price (sources.md §8); a 429 from the account
      // throttle is taken as not billed (an assumption, E).
      const Gateway& g = model.gateways[static_cast<std::size_t>(c.ext)];
      const double served = static_cast<double>(c.ops - std::min<std::uint64_t>(c.ops, g.throttled));
      bill.add("apigateway", n, served / 1e6 * rate("apigateway", api->kind == "http" ? "http_requests" : "rest_requests"));
    } else if (const auto* ks = std::get_if<KinesisSpec>(&cs.kind)) {
      // Shard-hours whatever the traffic, and a PUT payload unit per 25 KB of each record
      // (sources.md §9).
      const Stream& s = model.streams[static_cast<std::size_t>(c.ext)];
      bill.add("kinesis", n, ks->shards * hours * rate("kinesis", "shard_hour"));
      bill.add("kinesis", n, static_cast<double>(s.put_units) / 1e6 * rate("kinesis", "put_payload_units"));
    } else if (std::holds_alternative<FirehoseSpec>(cs.kind)) {
      const Firehose& f = model.firehoses[static_cast<std::size_t>(c.ext)];
      bill.add("firehose", n, f.billed_bytes / kGB * rate("firehose", "ingestion"));
    }

    // Data transfer, charged to the sender. Out to the internet from the region at the first
    // tier's rate, without the 100 GB/month free allowance (it is per account, shared by every
    // workload in it); CloudFront bills its own transfer above.
    if (c.kind != HopKind::Edge)
      bill.add(
          "data_transfer", n,
          c.bytes * internet_share(model, id) / kGB * rate("data_transfer", "out_to_internet"));
    // Between AZs: charged on both sides, out and in (sources.md §5).
    bill.add("data_transfer", n, c.cross_az_bytes / kGB * 2 * rate("data_transfer", "inter_az"));
  }

  CostReport out;
  out.period_usd = bill.total.usd();
  out.monthly_usd = hours > 0 ? out.period_usd * month_hours / hours : 0;
  out.spot_savings_usd = Money::from_usd(spot_savings).usd();
  for (const auto& [k, v] : bill.by_service) out.by_service[k] = v.usd();
  for (const auto& [k, v] : bill.by_component) out.by_component[k] = v.usd();
  return out;
}

}  // namespace headroom
