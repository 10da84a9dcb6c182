#pragma once
// The shape of an expected failure at a boundary (DESIGN.md: "a value or Diagnostics"): either a
// value, or the Diagnostics saying why there is none. A CRS PROJ refuses, a file that will not
// open — the caller decides what to draw or say instead, without a try/catch. Asking for the
// value of a failure is a bug in the caller and throws std::logic_error.
#include "atlas/diagnostics.h"

#include <optional>
#include <stdexcept>
#include <utility>

namespace atlas {

template <class T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Diagnostics why) : m_diagnostics(std::move(why))
    {
        if (!m_diagnostics.hasErrors()) throw std::logic_error("Result: a failure needs an error diagnostic");
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    T& value() & { return checked(), *m_value; }
    const T& value() const& { return checked(), *m_value; }
    T&& value() && { return checked(), std::move(*m_value); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Diagnostics& diagnostics() const { return m_diagnostics; }
    // The diagnostics, one per line ("file:location: field: message").
    std::string message() const { return m_diagnostics.formatAll(); }

private:
    void checked() const
    {
        if (!ok()) throw std::logic_error("Result: value of a failure: " + message());
    }

    std::optional<T> m_value;
    Diagnostics m_diagnostics;
};

}  // namespace atlas
