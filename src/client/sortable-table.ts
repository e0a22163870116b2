/**
 * <sortable-table>: sorts the table inside it by any column whose header has data-sort. The
 * header buttons are made here, so without JavaScript the page is a plain table in its server
 * order with nothing to press. A second press on the same column reverses the order; numbers
 * start from the largest. Each cell sorts by its data-value; ties fall back to the first column.
 */
class SortableTable extends HTMLElement {
  connectedCallback(): void {
    const table = this.querySelector('table');
    const tbody = table?.tBodies[0];
    const status = this.querySelector<HTMLElement>('[role="status"]');
    if (!table || !tbody) return;
    const headers = Array.from(table.querySelectorAll<HTMLTableCellElement>('th[data-sort]'));
    headers.forEach((th, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.textContent = th.textContent ?? '';
      th.replaceChildren(button);
      button.addEventListener('click', () => {
        const numeric = th.dataset.type === 'number';
        const current = th.getAttribute('aria-sort');
        const descending = current ? current === 'ascending' : numeric;
        const value = (row: HTMLTableRowElement) => row.cells[column]?.dataset.value ?? '';
        const first = (row: HTMLTableRowElement) => row.cells[0]?.dataset.value ?? '';
        const rows = Array.from(tbody.rows);
        rows.sort((a, b) => {
          const order = numeric ? Number(value(a)) - Number(value(b)) : value(a).localeCompare(value(b));
          return (descending ? -order : order) || first(a).localeCompare(first(b));
        });
        tbody.append(...rows);
        for (const other of headers) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        if (status) status.textContent = `Sorted by ${button.textContent}, ${descending ? 'descending' : 'ascending'}.`;
      });
    });
  }
}

if (!customElements.get('sortable-table')) customElements.define('sortable-table', SortableTable);
