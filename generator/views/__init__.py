"""Stage 4, views: what pages show, as data without HTML: links and URLs, paging, the matrix, the timeline, the synthesis."""
