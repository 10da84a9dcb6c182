#include "atlas/time/interval.h"

#include "atlas/time/date.h"

#include <ostream>

namespace atlas {

std::string toString(const Interval& interval)
{
    std::string out = interval.begin ? "[" + isoDay(*interval.begin) : std::string("(open");
    out += ", ";
    out += interval.end ? isoDay(*interval.end) : std::string("open");
    out += ")";
    return out;
}

std::ostream& operator<<(std::ostream& os, const Interval& interval) { return os << toString(interval); }

}  // namespace atlas
