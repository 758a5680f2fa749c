/** ag-grid, set up once: every community module, the French locale and one theme for every grid. */
import { AG_GRID_LOCALE_FR } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, createGrid, themeQuartz, type GridApi, type GridOptions } from 'ag-grid-community';

let registered = false;

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1d4e89',
  headerBackgroundColor: '#eef2f7',
  borderColor: '#d5dbe3',
  wrapperBorderRadius: 6,
  spacing: 6,
});

/** For small tables that always have rows (tariffs, revisions, impact): no room kept for an empty overlay. */
export const compactTheme = gridTheme.withParams({ autoHeightMinBodyHeight: 0 });

export function makeGrid<T>(element: HTMLElement, options: GridOptions<T>): GridApi<T> {
  if (!registered) {
    ModuleRegistry.registerModules([AllCommunityModule]);
    registered = true;
  }
  return createGrid<T>(element, {
    theme: gridTheme,
    suppressDragLeaveHidesColumns: true,
    ...options,
    localeText: { ...AG_GRID_LOCALE_FR, ...options.localeText },
  });
}
