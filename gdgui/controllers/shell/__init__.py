"""What both tabs share: the look (theme), preferences, sessions and the lesson deck."""
