import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { awsInsightsApiRef } from '../../api';
import { mockInsightsApi } from '../../__fixtures__/fleet';
import { MixTrend } from './MixTrend';

jest.setTimeout(30_000);

describe('MixTrend', () => {
  it('loads 7 days first and 30 days when that period is picked', async () => {
    const api = mockInsightsApi();
    await renderInTestApp(<MixTrend scope="fleet" />, {
      apis: [[awsInsightsApiRef, api]],
    });
    await waitFor(() =>
      expect(api.getHistory).toHaveBeenLastCalledWith('fleet', 7),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('trend-skeleton')).not.toBeInTheDocument(),
    );
    const period = screen.getByRole('radiogroup', { name: 'Trend period' });
    expect(period).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '7 days' })).toBeChecked();

    await userEvent.click(screen.getByRole('radio', { name: '30 days' }));
    await waitFor(() =>
      expect(api.getHistory).toHaveBeenLastCalledWith('fleet', 30),
    );
    // The previous period stays on screen while the new one loads: wait for the answer.
    await act(() => api.getHistory.mock.results.at(-1)?.value);
    expect(screen.getByRole('radio', { name: '30 days' })).toBeChecked();

    // Picking the selected period again keeps it: one period is always shown.
    await userEvent.click(screen.getByRole('radio', { name: '30 days' }));
    expect(screen.getByRole('radio', { name: '30 days' })).toBeChecked();
    expect(api.getHistory).toHaveBeenCalledTimes(2);
  });
});
