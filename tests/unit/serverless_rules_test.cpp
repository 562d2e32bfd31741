// The serverless rules on their own: token buckets, Lambda environments, DynamoDB capacity.
#include <doctest/doctest.h>

#include "topology/serverless.hpp"

using namespace headroom;

TEST_CASE("token bucket: starts full, refills at its rate, never beyond its capacity") {
  TokenBucket b(10, 5);
  for (int i = 0; i < 5; ++i) CHECK(b.take(0, 1));
  CHECK_FALSE(b.take(0, 1));
  CHECK_FALSE(b.take(99 * kMillisecond, 1));  // 0.99 tokens
  CHECK(b.take(100 * kMillisecond, 1));
  CHECK(b.available(100 * kSecond) == 5);
  CHECK_FALSE(b.take(100 * kSecond, 6));      // all or nothing
  CHECK(b.available(100 * kSecond) == 5);
}

TEST_CASE("lambda environments: warm reuse, cold only when none is idle, reclaimed after keep_warm") {
  Function f;
  f.keep_warm = 10 * kMinute;
  LambdaAccount account;
  account.limit = account.unreserved_limit = 2;
  CHECK(acquire_environment(f, account, 0) == Acquired::Cold);
  CHECK(acquire_environment(f, account, 0) == Acquired::Cold);
  CHECK(acquire_environment(f, account, 0) == Acquired::Throttled);  // the account's 2
  CHECK_FALSE(release_environment(f, account, kSecond));
  CHECK(acquire_environment(f, account, 2 * kSecond) == Acquired::Warm);
  release_environment(f, account, 3 * kSecond);
  release_environment(f, account, 3 * kSecond);
  CHECK(f.idle.size() == 2);
  // Idle exactly keep_warm: still there; a nanosecond more: gone.
  CHECK(acquire_environment(f, account, 3 * kSecond + 10 * kMinute) == Acquired::Warm);
  release_environment(f, account, 3 * kSecond + 10 * kMinute);
  expire_environments(f, 3 * kSecond + 10 * kMinute + 1);
  CHECK(f.idle.size() == 1);
  CHECK(account.unreserved_busy == 0);
}

TEST_CASE("lambda environments: provisioned first, reserved as a ceiling, the scale-out bucket") {
  Function f;
  f.keep_warm = kHour;
  f.provisioned = 2;
  f.reserved = 3;
  LambdaAccount account;
  account.limit = 10;
  account.unreserved_limit = 7;
  CHECK(acquire_environment(f, account, 0) == Acquired::Warm);
  CHECK(acquire_environment(f, account, 0) == Acquired::Warm);
  CHECK(acquire_environment(f, account, 0) == Acquired::Cold);
  CHECK(acquire_environment(f, account, 0) == Acquired::Throttled);
  CHECK(account.unreserved_busy == 0);  // reserved functions do not draw on the shared pool
  Function g;
  g.keep_warm = kHour;
  g.scale = TokenBucket(100, 3);
  LambdaAccount big;
  big.limit = big.unreserved_limit = 100;
  for (int i = 0; i < 3; ++i) CHECK(acquire_environment(g, big, 0) == Acquired::Cold);
  CHECK(acquire_environment(g, big, 0) == Acquired::Throttled);  // the scale-out rate, not the limit
  CHECK(acquire_environment(g, big, 10 * kMillisecond) == Acquired::Cold);
}

TEST_CASE("dynamodb on demand: twice the peak served until 30 minutes ago, within the quota") {
  Capacity c;
  c.warm = 4000;
  c.quota = 40000;
  // 3,000 units every second for 40 minutes: the ceiling stays the warm 4,000 for 30 minutes,
  // then rises to twice 3,000.
  for (std::int64_t s = 0; s < 40 * 60; ++s) {
    CHECK(c.take(s * kSecond, 3000));
    if (s == 29 * 60) CHECK(c.ceiling(s * kSecond) == 4000);
  }
  CHECK(c.ceiling(40 * 60 * kSecond) == 6000);
  CHECK(c.take(40 * 60 * kSecond, 6000));
  CHECK_FALSE(c.take(40 * 60 * kSecond, 1));
  Capacity q;
  q.warm = 100000;
  q.quota = 40000;
  CHECK(q.ceiling(0) == 40000);
}
