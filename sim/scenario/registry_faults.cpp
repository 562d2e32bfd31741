// The fault kinds (spec.md §4). A fault is a map whose kind is the one key of kill, az_outage,
// spot_reclaim or random it contains; each kind is a section of its own, so that the reader
// reports a key that does not belong to it, and the reference documents each form.
#include "registry_builders.hpp"

namespace headroom::registry_detail {
namespace {

using K = ValueKind;

SectionInfo fault(const std::string& kind, std::string help, std::vector<ParamInfo> params) {
  SectionInfo s = section("fault." + kind, std::move(help), std::move(params));
  s.key_noun = "key of " + std::string(kind == "az_outage" ? "an " : "a ") + kind + " fault";
  return s;
}

ParamInfo at() {
  return req("at", K::Time, "when it strikes, from the start of the run; before its end");
}

}  // namespace

void register_fault_params(ParamRegistry& r) {
  r.add(fault(
      "kill", "Instances die at a given time: `{at: 10m, kill: web, count: 1, repair: 5m}`.",
      {req("kill", K::Reference,
           "an ec2 pool (its instances), an elasticache as cache.primary (cache alone means the "
           "same: its shards' primaries) or cache.replica, or an rds as db.primary (db alone means "
           "the same) or db.replica"),
       at(),
       opt("count", K::Integer, "1",
           "how many die: at most the pool's count, the cache's nodes, its replicas (shards x "
           "replicas) or the read replicas; an rds has one primary"),
       opt("repair", K::Time, "never",
           "back after this long; not for an rds primary, which recovers on its own (Multi-AZ: "
           "failover_time; single-AZ: recovery_time)")}));
  r.add(fault("az_outage",
              "Everything in one availability zone is down for a while: "
              "`{at: 40m, az_outage: b, for: 15m}`.",
              {req("az_outage", K::String, "the AZ, as components name it in azs (default a)"),
               at(), req("for", K::Time, "how long the AZ stays down")}));
  SectionInfo spot = fault(
      "spot_reclaim",
      "AWS reclaims a share of a pool's Spot instances after a 2-minute notice (sources.md §11e).",
      {req("spot_reclaim", K::Reference, "the ec2 pool"), at(),
       req("share", K::Fraction, "fraction of its Spot instances reclaimed")});
  r.add(std::move(spot));
  r.add(fault(
      "random",
      "Each instance fails at random and is repaired: `{random: web, mtbf: 720h, mttr: 10m}`.",
      {req("random", K::Reference,
           "an ec2 pool (each instance), an elasticache (each node) or an rds (its primary)"),
       req("mtbf", K::Time, "mean time between failures of one instance, exponential"),
       req("mttr", K::Time, "mean time to repair, exponential")}));
}

}  // namespace headroom::registry_detail
