import { render, screen } from '@testing-library/react';
import { HeadroomBar } from './HeadroomBar';

describe('HeadroomBar', () => {
  it('is a meter of the requested share, named and valued for assistive technology', () => {
    render(
      <HeadroomBar
        provisionedVcpu={80}
        requestedVcpu={69.6}
        headroomPercent={13}
        low
      />,
    );
    const meter = screen.getByRole('meter', { name: 'CPU requested' });
    expect(meter).toHaveAttribute('aria-valuenow', '87');
    expect(meter).toHaveAttribute('aria-valuetext', '87.0 %');
    expect(meter).toHaveAttribute('data-low', 'true');
    expect(screen.getByText('13.0 % headroom')).toBeInTheDocument();
  });

  it('says requests are unknown in words, with no meter to misread', () => {
    render(<HeadroomBar provisionedVcpu={26} low={false} />);
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.getByText('requests unknown')).toBeInTheDocument();
  });
});
