"""Help requests hold residents' personal data: they live on their own pages only (the queue and the request
page, where every view is logged), not in the admin."""
