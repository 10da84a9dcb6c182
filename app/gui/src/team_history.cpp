#include "atlas/gui/team_history.h"

#include "atlas/gui/inspector.h"
#include "atlas/gui/team_session.h"

#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

namespace atlas::app {
namespace {

// The newest first, and only a screenful: the full log is `kachin-atlas db log --feature`.
constexpr std::size_t kShown = 8;

QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

}  // namespace

TeamHistory::TeamHistory(TeamSession& team, InspectorDock& inspector)
    : QWidget(&inspector), m_team(team), m_task(this, [this](TeamHistoryRead r) { display(r); })
{
    setObjectName("teamHistory");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    auto* heading = new QLabel(tr("<b>Record history</b> (team database)"), this);
    layout->addWidget(heading);
    m_body = new QLabel(this);
    m_body->setObjectName("teamHistoryText");
    m_body->setWordWrap(true);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_body);
    hide();
    inspector.addSection(this);
    // The inspector rebuilds on every clock tick: the log is read only for a new feature, or
    // when the record changed.
    connect(&inspector, &InspectorDock::shown, this, [this](const QString& id) { showFor(id, false); });
    connect(&team, &TeamSession::recordRefreshed, this, [this, &inspector] { showFor(inspector.currentId(), true); });
}

void TeamHistory::showFor(const QString& datasetId, bool again)
{
    const std::string id = datasetId.toStdString();
    if (!m_team.isConnected() || id.empty()) {
        m_feature.clear();
        m_task.cancel();
        hide();
        return;
    }
    if (id == m_feature && !again) return;
    m_feature = id;
    m_body->setText(tr("Reading…"));
    QWidget::show();
    m_task.start([url = m_team.url(), id](const TaskControl&) {
        TeamHistoryRead out{id, {}, {}};
        auto log = teamdb::readLog(url, {id, ""});
        if (log) out.entries = std::move(*log);
        else out.error = log.message();
        return out;
    });
}

void TeamHistory::display(const TeamHistoryRead& read)
{
    if (read.feature != m_feature) return;
    if (!read.error.empty()) {
        m_body->setText(tr("Could not read the history: %1").arg(esc(read.error)));
        return;
    }
    if (read.entries.empty()) {
        m_body->setText(tr("No edit recorded since the record was loaded."));
        return;
    }
    QString html;
    std::size_t n = 0;
    for (auto it = read.entries.rbegin(); it != read.entries.rend() && n < kShown; ++it, ++n) {
        const teamdb::LogEntry& e = *it;
        const bool committed = e.outcome == "committed";
        html += QString("<p style='margin:0 0 4px 0'><b>%1</b> %2 %3").arg(esc(e.login), esc(e.op), esc(e.at));
        if (e.version) html += tr(" · version %1").arg(*e.version);
        if (!e.sources.empty()) html += " · [" + esc(e.sources) + "]";
        html += committed ? QString() : QString("<br><span style='color:#a00000'>%1</span>").arg(tr("refused: %1").arg(esc(e.outcome)));
        for (const std::string& c : e.changes) html += "<br>&nbsp;&nbsp;" + esc(c);
        html += "</p>";
    }
    if (read.entries.size() > kShown)
        html += tr("<p style='color:#666'>%1 older entries: kachin-atlas db log --feature %2</p>")
                    .arg(read.entries.size() - kShown)
                    .arg(esc(read.feature));
    m_body->setText(html);
}

QString TeamHistory::text() const
{
    QTextDocument d;
    d.setHtml(m_body->text());
    return d.toPlainText();
}

}  // namespace atlas::app
