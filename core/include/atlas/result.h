#pragma once
// The shape of an expected failure at a boundary (DESIGN.md: "a value or Diagnostics"): either a
// value — with the warnings of what was skipped on the way to it, if any — or the Diagnostics
// saying why there is none. A CRS PROJ refuses, a project that will not open: the caller decides
// what to draw or say instead, without a try/catch. Asking for the value of a failure is a bug
// in the caller and throws std::logic_error. An operation with no value to give (a save)
// returns plain Diagnostics: empty, or why it failed.
#include "atlas/diagnostics.h"

#include <optional>
#include <stdexcept>
#include <utility>

namespace atlas {

template <class T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    // A value and what was skipped on the way (warnings only: an error means no value).
    Result(T value, Diagnostics warnings) : m_value(std::move(value)), m_diagnostics(std::move(warnings))
    {
        if (m_diagnostics.hasErrors()) throw std::logic_error("Result: a value cannot come with an error");
    }
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

    // A failure's errors, or a value's warnings (often none).
    const Diagnostics& diagnostics() const { return m_diagnostics; }
    // The diagnostics, one per line ("file:location: field: message").
    std::string message() const { return m_diagnostics.formatAll(); }
    // A failure's first error as a sentence, for a person (no file or field prefix).
    std::string reason() const
    {
        for (const Diagnostic& d : m_diagnostics.items())
            if (d.severity == Severity::Error) return d.message;
        return {};
    }

private:
    void checked() const
    {
        if (!ok()) throw std::logic_error("Result: value of a failure: " + message());
    }

    std::optional<T> m_value;
    Diagnostics m_diagnostics;
};

}  // namespace atlas
