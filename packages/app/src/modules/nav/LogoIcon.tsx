import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 28, height: 28, flexShrink: 0 },
});

/** The Platform Portal mark: three stacked layers (accounts, networks, clusters) under a cloud. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      viewBox="0 0 32 32"
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label="Platform Portal"
    >
      <path
        d="M9 11a6 6 0 0 1 11.6-2.1A4.5 4.5 0 1 1 23 17.5H9.5A3.25 3.25 0 0 1 9 11z"
        fill="#ff9900"
      />
      <rect x="5" y="20" width="22" height="3" rx="1.5" fill="#7df3e1" />
      <rect x="7" y="25" width="18" height="3" rx="1.5" fill="#4fc3f7" />
    </svg>
  );
};
