#pragma once
// A FIFO of request ids on a growable power-of-two ring: O(1), no allocation once warm.
#include <cstdint>
#include <vector>

namespace headroom {

class RingQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::uint32_t size() const { return size_; }
  void push(std::uint32_t v) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = v;
    ++size_;
  }
  std::uint32_t pop() {
    const std::uint32_t v = buf_[head_];
    head_ = (head_ + 1) & static_cast<std::uint32_t>(buf_.size() - 1);
    --size_;
    return v;
  }

 private:
  void grow() {
    std::vector<std::uint32_t> next(buf_.empty() ? 16 : buf_.size() * 2);
    for (std::uint32_t i = 0; i < size_; ++i) next[i] = buf_[(head_ + i) & (buf_.size() - 1)];
    buf_.swap(next);
    head_ = 0;
  }
  std::vector<std::uint32_t> buf_;
  std::uint32_t head_ = 0, size_ = 0;
};

}  // namespace headroom
