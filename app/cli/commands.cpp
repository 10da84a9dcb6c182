#include "cli/commands.h"

namespace atlas::app::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> table = {
        {"export", "render the map to an image (PNG) without a display", true, &runExport},
    };
    return table;
}

const Command* findCommand(const QString& name)
{
    for (const Command& c : commands())
        if (name == QLatin1String(c.name)) return &c;
    return nullptr;
}

}  // namespace atlas::app::cli
