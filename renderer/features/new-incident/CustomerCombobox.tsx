// A searchable customer select (ARIA combobox with a listbox): type part of the Japanese or
// the Latin name (kana/width/case-insensitive), pick with the arrow keys and Enter, or click.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/model/entities';
import { searchCustomers } from '../../../shared/customers/search';
import { customerName, useLocale } from '../../ui/common';
import { is, isComposing } from '../../shortcuts/registry';

const MAX_OPTIONS = 50;

export function CustomerCombobox({
  customers,
  value,
  onChange,
  inputId,
  error,
  describedBy,
}: {
  customers: readonly Customer[];
  value: string;
  onChange: (customerId: string) => void;
  inputId: string;
  error: boolean;
  describedBy?: string | undefined;
}) {
  const { t } = useTranslation('newIncident');
  const locale = useLocale();
  const listId = useId();
  const selected = customers.find((c) => c.id === value);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchCustomers(customers, query).slice(0, MAX_OPTIONS), [customers, query]);
  const label = (c: Customer) =>
    locale === 'ja' ? `${c.nameJa}（${c.nameLatin}）` : `${c.nameLatin} (${c.nameJa})`;
  const shown = open ? query : selected ? customerName(selected, locale) : query;

  function pick(c: Customer) {
    onChange(c.id);
    setQuery('');
    setOpen(false);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    // During IME conversion (Japanese kana-kanji) Enter, the arrows and Esc belong to the IME.
    if (isComposing(e.nativeEvent)) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(matches.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (is(e, 'pick')) {
      if (open && matches[active]) {
        e.preventDefault();
        pick(matches[active]);
      }
    } else if (is(e, 'cancel')) {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setQuery('');
      }
    }
  }

  const activeId = open && matches[active] ? `${listId}-opt-${active}` : undefined;
  return (
    <div className="ws-combobox">
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={error || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder={t('customerPlaceholder')}
        value={shown}
        data-testid="customer-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
          if (value) onChange('');
        }}
        onFocus={() => {
          if (!selected) setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" className="ws-listbox" aria-label={t('customer')}>
          {matches.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled="true" className="muted">
              {t('customerNone', { query })}
            </li>
          ) : (
            matches.map((c, i) => (
              <li
                key={c.id}
                id={`${listId}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'ws-option-active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(c);
                }}
              >
                {label(c)}
              </li>
            ))
          )}
        </ul>
      )}
      {selected && !open && (
        <span className="ws-visually-hidden">{t('customerSelected', { name: label(selected) })}</span>
      )}
    </div>
  );
}
