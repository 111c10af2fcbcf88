"""The window around the tabs: menus, keys, deck banner, exports, screenshots, crash dialog."""
