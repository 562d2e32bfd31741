// Burstable instances' CPU credits during a run (topology/credits.hpp, docs/sources.md §1b): each
// service started on a burstable Cpu spends its demand; a standard instance with an empty
// balance runs it at its baseline (the service stretched); an unlimited one runs on and books
// the surplus credits it spends, net of those its later earnings pay down, for the bill.
#include "runtime/runner.hpp"

namespace headroom {

Duration Runner::spend_credits(std::uint32_t inst, Duration work) {
  Cpu& cpu = model_.cpus[model_.instances[inst].cpu];
  CpuCredits& cr = cpu.credits;
  if (!cr.on()) return work;
  const SimTime now = engine_.now();
  double surplus = -cr.settle(now);
  const double stretch = cr.stretch();
  surplus += cr.spend(to_seconds(work));
  if (in_window(now)) model_.states[cr.owner].tally.surplus_s += surplus;
  return stretch == 1 ? work : static_cast<Duration>(std::llround(static_cast<double>(work) * stretch));
}

void Runner::settle_credits(std::uint16_t comp) {
  const Component& c = model_.components[comp];
  for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
    const Instance& in = model_.instances[i];
    CpuCredits& cr = model_.cpus[in.cpu].credits;
    if (!cr.on() || in.guest || !in.alive) continue;  // a dead instance earns nothing
    const double paid = cr.settle(engine_.now());
    if (in_window(engine_.now())) model_.states[comp].tally.surplus_s -= paid;
  }
}

CreditSample Runner::credit_sample(std::uint16_t comp) {
  settle_credits(comp);
  const Component& c = model_.components[comp];
  CreditSample s;
  int alive = 0;
  for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
    const Instance& in = model_.instances[i];
    if (!in.alive || in.guest) continue;
    const CpuCredits& cr = model_.cpus[in.cpu].credits;
    ++alive;
    s.balance += std::max(0.0, cr.balance) / kCoreSecondsPerCredit;
    if (cr.unlimited) s.surplus += std::max(0.0, -cr.balance) / kCoreSecondsPerCredit;
  }
  if (alive > 0) s.balance /= alive;
  return s;
}

}  // namespace headroom
