"""Demo data for `manage.py seed_demo`: a believable Wannian County court (万年县人民法院, 赣1129)."""
