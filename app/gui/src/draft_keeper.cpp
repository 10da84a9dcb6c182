#include "atlas/gui/draft_keeper.h"

#include "atlas/edit/edit_json.h"
#include "atlas/gui/id_picker.h"
#include "atlas/model/edit_journal.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QWidget>

namespace atlas::app {
namespace {

std::string dumped(const std::optional<edit::Edit>& e) { return e ? edit::toJson(*e).dump() : std::string(); }

}  // namespace

DraftKeeper::DraftKeeper(QWidget& form, EditJournal& journal, std::string slot, std::string store,
                         std::function<std::optional<edit::Edit>()> draft)
    : QObject(&form), m_journal(journal), m_slot(std::move(slot)), m_store(std::move(store)), m_draft(std::move(draft))
{
    // Typing is journalled once it pauses: a file rewrite per key would be wasted, and a kill
    // within the pause loses at most the last half second.
    m_delay.setSingleShot(true);
    m_delay.setInterval(400);
    connect(&m_delay, &QTimer::timeout, this, &DraftKeeper::write);
    for (auto* w : form.findChildren<QLineEdit*>()) connect(w, &QLineEdit::textChanged, this, &DraftKeeper::touch);
    for (auto* w : form.findChildren<QComboBox*>())
        connect(w, &QComboBox::currentIndexChanged, this, &DraftKeeper::touch);
    for (auto* w : form.findChildren<QCheckBox*>()) connect(w, &QCheckBox::toggled, this, &DraftKeeper::touch);
    for (auto* w : form.findChildren<IdPicker*>()) connect(w, &IdPicker::checkedChanged, this, &DraftKeeper::touch);
}

void DraftKeeper::setBaseline()
{
    m_delay.stop();
    m_baseline = dumped(m_draft());
}

void DraftKeeper::setSlot(std::string slot)
{
    if (slot == m_slot) return;
    m_journal.drop(m_slot);
    m_slot = std::move(slot);
}

void DraftKeeper::touch()
{
    if (!m_finished) m_delay.start();
}

void DraftKeeper::flush()
{
    if (m_delay.isActive()) write();
}

void DraftKeeper::keepRecovered()
{
    setBaseline();
    if (const auto now = m_draft()) m_journal.put({JournalEntry::Kind::Draft, m_slot, m_store, *now, {}});
}

void DraftKeeper::finish()
{
    m_finished = true;
    m_delay.stop();
    m_journal.drop(m_slot);
}

void DraftKeeper::write()
{
    m_delay.stop();
    if (m_finished) return;
    const std::optional<edit::Edit> now = m_draft();
    if (!now || dumped(now) == m_baseline) {
        m_journal.drop(m_slot);
        return;
    }
    // A journal that cannot be written is not worth interrupting the form for: the edit is
    // still in the form, and the next change tries again.
    m_journal.put({JournalEntry::Kind::Draft, m_slot, m_store, *now, {}});
}

}  // namespace atlas::app
