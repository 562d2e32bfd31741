#include "components/streams.hpp"

namespace headroom {

Stream build_stream(std::uint16_t id, const StreamTraits& traits, double record_size, const ConsumerSpec& consumer,
                    int shards, Rng rng) {
  Stream s;
  s.component = id;
  s.data_stream = traits.data_stream;
  s.record_size = record_size;
  s.batch_size = static_cast<std::uint32_t>(consumer.batch_size);
  s.window = consumer.window;
  s.poll_interval = traits.poll_interval;
  s.retention = traits.retention;
  s.payload_unit = traits.payload_unit;
  s.rng = rng;
  s.shards.resize(static_cast<std::size_t>(shards));
  for (auto& sh : s.shards) {
    // Each limit is a one-second bucket; the poller's phase on its grid is random.
    sh.in_records = TokenBucket(traits.shard_records_in, traits.shard_records_in);
    sh.in_bytes = TokenBucket(traits.shard_bytes_in, traits.shard_bytes_in);
    sh.out_bytes = TokenBucket(traits.shard_bytes_out, traits.shard_bytes_out);
    sh.phase = static_cast<SimTime>(rng.uniform01() * static_cast<double>(s.poll_interval));
  }
  return s;
}

}  // namespace headroom
