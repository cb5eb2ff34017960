#include "widgets/empty_state.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace vigil {

EmptyState::EmptyState(const QString& title, const QString& text, QWidget* parent)
    : QWidget(parent)
    , m_buttons(new QHBoxLayout)
{
    auto* heading = new QLabel(title, this);
    heading->setTextFormat(Qt::PlainText);
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    heading->setFont(f);
    heading->setAlignment(Qt::AlignCenter);
    auto* body = new QLabel(text, this);
    body->setTextFormat(Qt::PlainText);
    body->setWordWrap(true);
    body->setAlignment(Qt::AlignCenter);
    // A wrapped label in a centred slot gets no height-for-width; give it a fixed width and
    // the height that width needs.
    constexpr int kBodyWidth = 560;
    body->setFixedWidth(kBodyWidth);
    body->setMinimumHeight(body->heightForWidth(kBodyWidth));
    m_buttons->addStretch(1);
    m_buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(heading);
    layout->addSpacing(8);
    layout->addWidget(body, 0, Qt::AlignHCenter);
    layout->addSpacing(16);
    layout->addLayout(m_buttons);
    layout->addStretch(3);
}

QPushButton* EmptyState::addAction(const QString& label)
{
    auto* button = new QPushButton(label, this);
    button->setMinimumWidth(160);
    // The row is [stretch, buttons..., stretch]: insert before the trailing stretch.
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    return button;
}

} // namespace vigil
