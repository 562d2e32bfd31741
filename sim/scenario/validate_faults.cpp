// Whole-scenario checks of the faults (spec.md §4): what each strikes must exist and be able to
// fail that way, and it must strike within the run.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "headroom/core/units.hpp"
#include "headroom/scenario/registry.hpp"
#include "validate_detail.hpp"

namespace headroom::validate_detail {
namespace {

using Kind = FaultSpec::Kind;

// The AZs the scenario's components are in; an outage of any other would strike nothing.
std::vector<std::string> azs_in_use(const ScenarioSpec& spec) {
  std::set<std::string> out;
  const auto add = [&](const std::vector<std::string>& azs) {
    if (azs.empty()) out.insert("a");  // the default of every component with azs
    out.insert(azs.begin(), azs.end());
  };
  for (const auto& c : spec.components) {
    if (const auto* e = std::get_if<Ec2Spec>(&c.kind)) add(e->azs);
    // An elb without azs is in its targets' AZs, which those add.
    if (const auto* e = std::get_if<ElbSpec>(&c.kind)) out.insert(e->azs.begin(), e->azs.end());
    if (const auto* s = std::get_if<S3Spec>(&c.kind)) add(s->azs);
    // A co-located store is in its host's AZ, which the host adds.
    if (const auto* x = std::get_if<CacheSpec>(&c.kind); x != nullptr && x->host.empty())
      add(x->azs);
    if (const auto* db = std::get_if<RdsSpec>(&c.kind); db != nullptr && db->host.empty()) {
      add(db->azs);
      // The Multi-AZ standby is in the second AZ given, else in b (a when the primary is in
      // b), as the model places it (sim/components/rds.cpp).
      if (db->multi_az && db->azs.size() < 2)
        out.insert(!db->azs.empty() && db->azs[0] == "b" ? "a" : "b");
    }
  }
  return {out.begin(), out.end()};
}

class FaultChecks {
 public:
  FaultChecks(const ScenarioSpec& spec, Diagnostics& out) : spec_(spec), out_(out) {}

  void run() {
    for (std::size_t i = 0; i < spec_.faults.size(); ++i) {
      const FaultSpec& f = spec_.faults[i];
      const std::string base = "faults[" + std::to_string(i) + "]";
      if (f.kind != Kind::Random && f.at >= spec_.duration)
        out_.error(f.loc_of("at"), base + ".at",
                   "at " + format_duration(f.at) + " is " +
                       (f.at == spec_.duration ? "" : "after ") + "the end of the run (" +
                       format_duration(spec_.duration) + ")");
      if (f.kind == Kind::AzOutage) az_outage(f, base);
      if (f.kind == Kind::Kill || f.kind == Kind::Random) instance_fault(f, base);
      if (f.kind == Kind::SpotReclaim) spot_reclaim(f, base);
    }
  }

 private:
  void spot_reclaim(const FaultSpec& f, const std::string& base) {
    const ComponentSpec* c = spec_.find(f.target);
    const SourceLoc at = f.loc_of("spot_reclaim");
    if (c == nullptr) {
      out_.error(at, base + ".spot_reclaim", unknown_component(spec_, f.target));
      return;
    }
    const auto* ec2 = std::get_if<Ec2Spec>(&c->kind);
    if (ec2 == nullptr)
      out_.error(at, base + ".spot_reclaim", "'" + f.target + "' is " + type_article(c->type) +
                                                 " component; Spot is bought for ec2 pools");
    else if (ec2->purchase.spot <= 0)
      out_.error(at, base + ".spot_reclaim", "'" + f.target + "' has no Spot instances (give it purchase: {spot: 50%})");
  }

  void az_outage(const FaultSpec& f, const std::string& base) {
    const std::vector<std::string> azs = azs_in_use(spec_);
    if (std::find(azs.begin(), azs.end(), f.target) != azs.end()) return;
    const std::string suffix = suggestion_suffix(f.target, azs);
    out_.error(f.loc_of("az_outage"), base + ".az_outage",
               "no component is in AZ '" + f.target + "'" +
                   (suffix.empty() ? " (AZs in use: " + fmt::format("{}", fmt::join(azs, ", ")) + ")" : suffix));
  }

  // kill and random: instances of an ec2 pool, nodes of a cache, an rds primary or replicas.
  void instance_fault(const FaultSpec& f, const std::string& base) {
    const bool kill = f.kind == Kind::Kill;
    const std::string key = kill ? "kill" : "random";
    const SourceLoc& at = f.loc_of(key);
    const ComponentSpec* c = spec_.find(f.target);
    if (c == nullptr) {
      out_.error(at, base + "." + key, unknown_component(spec_, f.target));
      return;
    }
    const std::string what = "'" + f.target + "' is " + type_article(c->type) + " component";
    int size = 0;  // how many instances a kill may take
    std::string unit;
    if (const auto* ec2 = std::get_if<Ec2Spec>(&c->kind)) {
      size = ec2->scaling ? ec2->scaling->max : ec2->count;
      unit = "instances";
      if (ec2->scaling && f.repair > 0)
        out_.error(f.loc_of("repair"), base + ".repair",
                   "'" + f.target + "' is an Auto Scaling group: it replaces a dead instance itself (remove repair)");
    } else if (const auto* cache = std::get_if<CacheSpec>(&c->kind)) {
      if (!f.role.empty()) {
        cache_fault(f, *cache, base);
        return;
      }
      size = cache->nodes;  // a kill takes primaries: with replicas, each shard fails over
      unit = cache->sharded ? "shards" : "nodes";
    } else if (const auto* rds = std::get_if<RdsSpec>(&c->kind)) {
      rds_fault(f, *rds, base);
      return;
    } else {
      // Why its kind does not fail by instance (sim/components/<kind>.cpp), or the managed
      // services' reason.
      const std::string& why = scenario_registry().at("component." + c->type).hop.no_instance_faults;
      out_.error(at, base + "." + key,
                 what + ": " + (why.empty() ? "managed services do not fail by instance here; use az_outage" : why));
      return;
    }
    if (!f.role.empty())
      out_.error(at, base + "." + key,
                 what + ": roles (primary, replica) are for rds and elasticache; write " + key + ": " + f.target);
    else if (kill && f.count > size)
      out_.error(f.loc_of("count"), base + ".count",
                 "count " + std::to_string(f.count) + " is more than the " + std::to_string(size) +
                     " " + unit + " of '" + f.target + "'");
  }

  /// A role is primary or replica; else an error naming `type` and what it has, with a did-you-mean.
  bool known_role(const FaultSpec& f, const std::string& type, const std::string& has, const std::string& base) {
    if (f.role == "primary" || f.role == "replica") return true;
    const std::string key = f.kind == Kind::Kill ? "kill" : "random";
    const std::string suffix = suggestion_suffix(f.role, {"primary", "replica"});
    out_.error(f.loc_of(key), base + "." + key,
               "unknown role '" + f.role + "' of " + type + " '" + f.target + "'" +
                   (suffix.empty() ? " (an " + type + " has " + has + ")" : suffix));
    return false;
  }

  // cache.primary is the bare cache (its shards' primaries); cache.replica takes replicas.
  void cache_fault(const FaultSpec& f, const CacheSpec& cache, const std::string& base) {
    const bool kill = f.kind == Kind::Kill;
    const std::string key = kill ? "kill" : "random";
    const SourceLoc& at = f.loc_of(key);
    if (!known_role(f, "elasticache", "primaries and replicas", base)) return;
    const std::string unit = cache.sharded ? "shards" : "nodes";
    if (f.role == "primary") {
      if (kill && f.count > cache.nodes)
        out_.error(f.loc_of("count"), base + ".count",
                   "count " + std::to_string(f.count) + " is more than the " + std::to_string(cache.nodes) + " " + unit +
                       " (primaries) of '" + f.target + "'");
      return;
    }
    if (!kill) {
      out_.error(at, base + ".random",
                 "random failures of an elasticache strike its primaries; write random: " + f.target);
      return;
    }
    const int replicas = cache.nodes * cache.replicas;
    if (replicas == 0)
      out_.error(at, base + ".kill",
                 "'" + f.target + "' has no replicas to kill (give it replicas, or kill " + f.target + " for its primaries)");
    else if (f.count > replicas)
      out_.error(f.loc_of("count"), base + ".count",
                 "count " + std::to_string(f.count) + " is more than the " + std::to_string(replicas) + " replicas of '" +
                     f.target + "' (" + std::to_string(cache.nodes) + " " + unit + " x " + std::to_string(cache.replicas) + ")");
  }

  void rds_fault(const FaultSpec& f, const RdsSpec& db, const std::string& base) {
    const bool kill = f.kind == Kind::Kill;
    const std::string key = kill ? "kill" : "random";
    const SourceLoc& at = f.loc_of(key);
    if (!known_role(f, "rds", "a primary and replicas", base)) return;
    if (!kill) {
      if (f.role == "replica")
        out_.error(at, base + ".random",
                   "random failures of an rds strike its primary; write random: " + f.target);
      return;
    }
    if (f.role == "primary") {
      if (f.count > 1)
        out_.error(f.loc_of("count"), base + ".count",
                   "an rds has one primary, found count " + std::to_string(f.count) + " (kill " +
                       f.target + ".replica for its replicas)");
      // RDS replaces a failed primary itself; a repair time would contradict the model.
      if (f.repair > 0)
        out_.error(f.loc_of("repair"), base + ".repair",
                   "an rds primary recovers on its own: '" + f.target + "' is " +
                       (db.multi_az ? "Multi-AZ, so its standby takes over after failover_time"
                                    : "single-AZ, so it is replaced after recovery_time") +
                       " (remove repair)");
      return;
    }
    if (db.read_replicas == 0)
      out_.error(at, base + ".kill", "'" + f.target + "' has no read replicas to kill");
    else if (f.count > db.read_replicas)
      out_.error(f.loc_of("count"), base + ".count",
                 "count " + std::to_string(f.count) + " is more than the " +
                     std::to_string(db.read_replicas) + " read replicas of '" + f.target + "'");
  }

  const ScenarioSpec& spec_;
  Diagnostics& out_;
};

}  // namespace

void validate_faults(const ScenarioSpec& spec, Diagnostics& out) {
  FaultChecks(spec, out).run();
}

}  // namespace headroom::validate_detail
