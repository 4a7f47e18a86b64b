// Errors as values for every server layer (base, so all may use it): a Status says whether an
// operation worked and, if not, what went wrong in one human line. Nothing here throws.
#pragma once
#include <string>
#include <utility>

namespace cb {

class Status {
public:
    static Status Ok() { return Status(); }
    static Status Error(std::string message) { return Status(std::move(message)); }

    bool ok() const { return m_ok; }
    const std::string& message() const { return m_message; }  // empty when ok

private:
    Status() = default;
    explicit Status(std::string message) : m_ok(false), m_message(std::move(message)) {}
    bool m_ok = true;
    std::string m_message;
};

// A value or the Status saying why there is none.
template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)), m_status(Status::Ok()) {}
    Result(Status error) : m_status(std::move(error)) {}

    bool ok() const { return m_status.ok(); }
    const Status& status() const { return m_status; }
    T& value() { return m_value; }
    const T& value() const { return m_value; }

private:
    T m_value{};
    Status m_status;
};

}  // namespace cb
