// Where the router mounts the minimal incident screens (see app/router.tsx).
export const BASIC_PATH = '/incidents-basic';
