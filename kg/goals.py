"""placeholder, filled below"""
def extract_goals(doc):
    return []
