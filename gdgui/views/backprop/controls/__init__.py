"""The Backprop tab's controls: its rows of buttons."""
