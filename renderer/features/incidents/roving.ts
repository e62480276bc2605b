// Keyboard movement in a virtualised list: ArrowUp/ArrowDown/Home/End/PageUp/PageDown move the
// focus between rows (scrolling the row into view first, since it may not be rendered yet).
// Each row's focus target carries data-row-index.
import { useCallback } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { matchShortcut } from '../../shortcuts/registry';

const MOVES = ['rowNext', 'rowPrevious', 'rowPageDown', 'rowPageUp', 'rowFirst', 'rowLast'] as const;

export function useRovingRows(virtualizer: Virtualizer<HTMLDivElement, Element>, count: number) {
  return useCallback(
    (e: React.KeyboardEvent<HTMLElement>) => {
      const target = e.target as HTMLElement;
      const current = Number(target.closest<HTMLElement>('[data-row-index]')?.dataset.rowIndex ?? NaN);
      if (Number.isNaN(current) || count === 0) return;
      const page = Math.max(
        1,
        Math.floor(
          (virtualizer.scrollElement?.clientHeight ?? 400) / (virtualizer.options.estimateSize(0) || 60),
        ),
      );
      let next: number;
      switch (matchShortcut(e.nativeEvent, MOVES)) {
        case 'rowNext':
          next = Math.min(count - 1, current + 1);
          break;
        case 'rowPrevious':
          next = Math.max(0, current - 1);
          break;
        case 'rowPageDown':
          next = Math.min(count - 1, current + page);
          break;
        case 'rowPageUp':
          next = Math.max(0, current - page);
          break;
        case 'rowFirst':
          next = 0;
          break;
        case 'rowLast':
          next = count - 1;
          break;
        default:
          return;
      }
      e.preventDefault();
      virtualizer.scrollToIndex(next, { align: 'auto' });
      const root = virtualizer.scrollElement;
      // The row renders after the scroll: focus it on the next frames.
      let tries = 0;
      const focus = () => {
        const el = root?.querySelector<HTMLElement>(`[data-row-index="${next}"]`);
        if (el) el.focus();
        else if (tries++ < 10) requestAnimationFrame(focus);
      };
      focus();
    },
    [virtualizer, count],
  );
}
